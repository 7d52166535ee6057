package io.chorus.datatree.acl;

/**
 * The ip scheme: an ACL id is an IPv4 or IPv6 address, optionally with a prefix length
 * ("10.0.0.0/8", "1.2.3.4", "fe80::/10"); it matches a client address when both agree on the prefix.
 * Parsing follows ZooKeeper's IPAuthenticationProvider so the same ids are valid and match.
 */
final class IpAddressMatcher {
    private static final int IPV4_BYTES = 4;
    private static final int IPV6_BYTES = 16;
    private static final int IPV6_SEGMENTS = 8;
    private static final int IPV6_SEGMENT_HEX_DIGITS_MAX = 4;

    private IpAddressMatcher() {
    }

    static boolean isValid(String aclId) {
        String[] parts = aclId.split("/", 2);
        byte[] address = parse(parts[0]);
        return address != null && (parts.length == 1 || prefixBits(parts[1], address.length) >= 0);
    }

    static boolean matches(String clientAddress, String aclId) {
        String[] parts = aclId.split("/", 2);
        byte[] network = parse(parts[0]);
        if (network == null) {
            return false;
        }
        int bits = parts.length == 2 ? prefixBits(parts[1], network.length) : network.length * 8;
        byte[] client = parse(clientAddress);
        if (bits < 0 || client == null || client.length != network.length) {
            return false;
        }
        mask(network, bits);
        mask(client, bits);
        for (int i = 0; i < client.length; i++) {
            if (client[i] != network[i]) {
                return false;
            }
        }
        return true;
    }

    /** The prefix length, or -1 when it is not a number within the address's width. */
    private static int prefixBits(String text, int addressBytes) {
        try {
            int bits = Integer.parseInt(text);
            return bits >= 0 && bits <= addressBytes * 8 ? bits : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The address bytes, or null when the text is neither an IPv4 nor an IPv6 address. */
    static byte[] parse(String text) {
        if (text.indexOf(':') >= 0) {
            return parseV6(text);
        }
        if (text.indexOf('.') >= 0) {
            return parseV4(text);
        }
        return null;
    }

    private static byte[] parseV4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != IPV4_BYTES) {
            return null;
        }
        byte[] address = new byte[IPV4_BYTES];
        for (int i = 0; i < IPV4_BYTES; i++) {
            try {
                int value = Integer.parseInt(parts[i]);
                if (value < 0 || value > 255) {
                    return null;
                }
                address[i] = (byte) value;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return address;
    }

    private static byte[] parseV6(String text) {
        String[] halves = text.split("::", -1);
        String[] head;
        String[] tail = new String[0];
        if (halves.length == 1) {
            head = halves[0].split(":", -1);
            if (head.length != IPV6_SEGMENTS) {
                return null;
            }
        } else if (halves.length == 2) {
            head = halves[0].isEmpty() ? new String[0] : halves[0].split(":", -1);
            tail = halves[1].isEmpty() ? new String[0] : halves[1].split(":", -1);
            if (head.length + tail.length >= IPV6_SEGMENTS) {
                return null;
            }
        } else {
            return null;
        }
        byte[] address = new byte[IPV6_BYTES];
        boolean ok = fillSegments(address, 0, head) && fillSegments(address, IPV6_BYTES - tail.length * 2, tail);
        return ok ? address : null;
    }

    private static boolean fillSegments(byte[] address, int offset, String[] segments) {
        int at = offset;
        for (String segment : segments) {
            if (segment.isEmpty() || segment.length() > IPV6_SEGMENT_HEX_DIGITS_MAX) {
                return false;
            }
            int value;
            try {
                value = Integer.parseInt(segment, 16);
            } catch (NumberFormatException e) {
                return false;
            }
            address[at++] = (byte) ((value >> 8) & 0xFF);
            address[at++] = (byte) (value & 0xFF);
        }
        return true;
    }

    /** Clears every bit after the first {@code bits}. */
    private static void mask(byte[] address, int bits) {
        int first = bits / 8;
        int keep = ~((1 << (8 - bits % 8)) - 1);
        for (int i = first; i < address.length; i++) {
            address[i] &= (byte) keep;
            keep = 0;
        }
    }
}
