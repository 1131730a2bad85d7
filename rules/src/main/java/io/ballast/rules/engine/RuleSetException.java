package io.ballast.rules.engine;

/** A rule set that cannot be loaded or compiled; the message is one line naming the file and line. */
public class RuleSetException extends RuntimeException {
    public RuleSetException(String message) {
        super(message);
    }

    public RuleSetException(String message, Throwable cause) {
        super(message, cause);
    }
}
