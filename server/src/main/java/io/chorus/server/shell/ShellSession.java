package io.chorus.server.shell;

import io.chorus.api.Acl;
import io.chorus.api.AddWatchMode;
import io.chorus.api.ChorusClient;
import io.chorus.api.ChorusException;
import io.chorus.api.Children;
import io.chorus.api.CreateMode;
import io.chorus.api.NodeData;
import io.chorus.api.Stat;
import io.chorus.api.WatchedEvent;
import io.chorus.api.Watcher;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.Deque;
import java.util.List;

/**
 * The commands of {@code chorus shell}, in the spirit of zkCli: {@code ls, stat, get, set, create,
 * delete, deleteall, watch}. One line in, its answer out; errors are printed, never thrown, so an
 * interactive session survives a typo.
 */
public final class ShellSession {
    static final String HELP = String.join("\n",
            "ls [-s] [-w] path          list children (-s with stat, -w watch once)",
            "stat path                  show the node's stat",
            "get [-s] [-w] path         show the node's data",
            "set path data [version]    replace the data (version -1: any)",
            "create [-e] [-s] [-c] [-t ttl] path [data]",
            "                           create (-e ephemeral, -s sequential, -c container, -t TTL ms)",
            "delete path [version]      delete a childless node",
            "deleteall path             delete the node and everything below it",
            "watch path                 print every change at or below path (persistent recursive watch)",
            "servers                    each server's role, epoch, last zxid and leader",
            "help                       this list",
            "quit                       leave");

    private final ChorusClient client;
    private final PrintStream out;
    private final Watcher printer;
    private final String connectString;

    /** @param connectString the servers the client was given, which {@code servers} describes */
    public ShellSession(ChorusClient client, PrintStream out, String connectString) {
        this.client = client;
        this.out = out;
        this.printer = this::printEvent;
        this.connectString = connectString;
    }

    /** Runs one command line; false when the line asks to quit. */
    public boolean execute(String line) throws InterruptedException {
        List<String> words = new ArrayList<>(Arrays.asList(line.trim().split("\\s+")));
        if (words.isEmpty() || words.get(0).isEmpty()) {
            return true;
        }
        String command = words.remove(0);
        try {
            switch (command) {
                case "ls" -> ls(words);
                case "stat" -> printStat(statOf(arg(words, 0)));
                case "get" -> get(words);
                case "set" -> client.setData(arg(words, 0), utf8(arg(words, 1)),
                        words.size() > 2 ? Integer.parseInt(words.get(2)) : -1);
                case "create" -> create(words);
                case "delete" -> client.delete(arg(words, 0), words.size() > 1 ? Integer.parseInt(words.get(1)) : -1);
                case "deleteall" -> deleteAll(arg(words, 0));
                case "watch" -> {
                    client.addWatch(arg(words, 0), printer, AddWatchMode.PERSISTENT_RECURSIVE);
                    out.println("watching " + words.get(0) + " and below");
                }
                case "servers" -> EnsembleStatus.describe(connectString).forEach(out::println);
                case "help" -> out.println(HELP);
                case "quit", "exit" -> {
                    return false;
                }
                default -> out.println("unknown command " + command + "; try help");
            }
        } catch (ChorusException e) {
            out.println("Error: " + e.code() + (e.path() == null ? "" : " for " + e.path()));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            out.println("Error: " + e.getMessage());
        }
        return true;
    }

    private void ls(List<String> words) throws ChorusException, InterruptedException {
        boolean withStat = words.remove("-s");
        boolean watch = words.remove("-w");
        Children children = client.getChildren(arg(words, 0), watch ? printer : null);
        List<String> names = new ArrayList<>(children.names());
        Collections.sort(names);
        out.println(names);
        if (withStat) {
            printStat(children.stat());
        }
    }

    private void get(List<String> words) throws ChorusException, InterruptedException {
        boolean withStat = words.remove("-s");
        boolean watch = words.remove("-w");
        NodeData data = client.getData(arg(words, 0), watch ? printer : null);
        out.println(data.data() == null ? "null" : new String(data.data(), StandardCharsets.UTF_8));
        if (withStat) {
            printStat(data.stat());
        }
    }

    private void create(List<String> words) throws ChorusException, InterruptedException {
        boolean ephemeral = words.remove("-e");
        boolean sequential = words.remove("-s");
        boolean container = words.remove("-c");
        long ttl = -1;
        int t = words.indexOf("-t");
        if (t >= 0) {
            ttl = Long.parseLong(words.get(t + 1));
            words.remove(t + 1);
            words.remove(t);
        }
        CreateMode mode = mode(ephemeral, sequential, container, ttl >= 0);
        String path = arg(words, 0);
        byte[] data = words.size() > 1 ? utf8(words.get(1)) : new byte[0];
        out.println("Created " + client.create(path, data, Acl.OPEN_ACL_UNSAFE, mode, ttl).path());
    }

    static CreateMode mode(boolean ephemeral, boolean sequential, boolean container, boolean ttl) {
        if (container) {
            if (ephemeral || sequential || ttl) {
                throw new IllegalArgumentException("-c cannot be combined with -e, -s or -t");
            }
            return CreateMode.CONTAINER;
        }
        if (ttl) {
            if (ephemeral) {
                throw new IllegalArgumentException("-t cannot be combined with -e");
            }
            return sequential ? CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL : CreateMode.PERSISTENT_WITH_TTL;
        }
        if (ephemeral) {
            return sequential ? CreateMode.EPHEMERAL_SEQUENTIAL : CreateMode.EPHEMERAL;
        }
        return sequential ? CreateMode.PERSISTENT_SEQUENTIAL : CreateMode.PERSISTENT;
    }

    /** Deletes leaves first, as zkCli's deleteall does; nodes that vanish meanwhile are fine. */
    private void deleteAll(String root) throws ChorusException, InterruptedException {
        Deque<String> order = new ArrayDeque<>();
        Deque<String> pending = new ArrayDeque<>(List.of(root));
        while (!pending.isEmpty()) {
            String path = pending.pop();
            order.push(path);
            for (String child : client.getChildren(path, null).names()) {
                pending.push(path.equals("/") ? "/" + child : path + "/" + child);
            }
        }
        for (String path : order) {
            if (!path.equals("/")) {
                try {
                    client.delete(path, -1);
                } catch (ChorusException e) {
                    if (e.code() != io.chorus.api.Code.NONODE) {
                        throw e;
                    }
                }
            }
        }
    }

    private Stat statOf(String path) throws ChorusException, InterruptedException {
        Stat stat = client.exists(path, null);
        if (stat == null) {
            throw new ChorusException(io.chorus.api.Code.NONODE, path);
        }
        return stat;
    }

    private void printStat(Stat s) {
        out.println("cZxid = 0x" + Long.toHexString(s.czxid()));
        out.println("ctime = " + new Date(s.ctime()));
        out.println("mZxid = 0x" + Long.toHexString(s.mzxid()));
        out.println("mtime = " + new Date(s.mtime()));
        out.println("pZxid = 0x" + Long.toHexString(s.pzxid()));
        out.println("cversion = " + s.cversion());
        out.println("dataVersion = " + s.version());
        out.println("aclVersion = " + s.aversion());
        out.println("ephemeralOwner = 0x" + Long.toHexString(s.ephemeralOwner()));
        out.println("dataLength = " + s.dataLength());
        out.println("numChildren = " + s.numChildren());
    }

    private void printEvent(WatchedEvent e) {
        out.println("WATCHER:: WatchedEvent state:" + e.state() + " type:" + e.type() + " path:" + e.path());
    }

    private static String arg(List<String> words, int index) {
        if (index >= words.size()) {
            throw new IllegalArgumentException("missing argument; try help");
        }
        return words.get(index);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
