package io.chorus.client;

import io.chorus.api.ChorusException;
import io.chorus.api.Code;

/** No session could be established: carries CONNECTIONLOSS and says which servers were tried and what failed. */
public final class ConnectFailedException extends ChorusException {
    private final String detail;

    public ConnectFailedException(String detail) {
        super(Code.CONNECTIONLOSS);
        this.detail = detail;
    }

    @Override
    public String getMessage() {
        return Code.CONNECTIONLOSS.name() + ": " + detail;
    }
}
