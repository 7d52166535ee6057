package io.chorus.testkit.check;

import io.chorus.api.Code;
import java.util.EnumSet;
import java.util.Set;

/** Which reply codes say for sure that an operation did not take effect, and which leave it open. */
final class Outcomes {
    /**
     * Codes after which a write may or may not have been applied. CONNECTIONLOSS and the timeouts are
     * the obvious ones; SESSIONEXPIRED and AUTHFAILED too, because the stock client fails every
     * pending request with them when the session dies, whether or not the server applied it.
     */
    private static final Set<Code> INDETERMINATE = EnumSet.of(Code.CONNECTIONLOSS, Code.OPERATIONTIMEOUT,
            Code.REQUESTTIMEOUT, Code.SESSIONEXPIRED, Code.AUTHFAILED, Code.SYSTEMERROR,
            Code.RUNTIMEINCONSISTENCY, Code.DATAINCONSISTENCY);

    private Outcomes() {
    }

    static boolean isIndeterminate(Code code) {
        return INDETERMINATE.contains(code);
    }
}
