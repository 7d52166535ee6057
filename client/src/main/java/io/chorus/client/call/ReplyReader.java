package io.chorus.client.call;

import io.chorus.api.ChorusException;
import io.chorus.api.Code;
import java.io.IOException;
import org.apache.jute.InputArchive;

/**
 * Turns a reply into a call's result, on the connection's thread (where it may also register or remove
 * watches, so that a later notification sees them). Throws ChorusException for a result code the call fails
 * with, IOException for a body that does not parse (which drops the connection).
 */
@FunctionalInterface
public interface ReplyReader<T> {
    T read(Code code, InputArchive body) throws IOException, ChorusException;

    /** As {@link #read(Code, InputArchive)}, for readers that also want the reply header's zxid. */
    default T read(Code code, long zxid, InputArchive body) throws IOException, ChorusException {
        return read(code, body);
    }

    /** Reads the body of a successful reply. */
    @FunctionalInterface
    interface BodyReader<T> {
        T read(InputArchive body) throws IOException, ChorusException;
    }

    /** A reader for calls that succeed only with OK; any other code fails the call naming {@code path}. */
    static <T> ReplyReader<T> okOnly(String path, BodyReader<T> body) {
        return (code, in) -> {
            if (code != Code.OK) {
                throw new ChorusException(code, path);
            }
            return body.read(in);
        };
    }
}
