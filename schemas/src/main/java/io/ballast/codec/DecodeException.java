package io.ballast.codec;

/** A record could not be read; the message is the reason that goes with it to the dead-letter output. */
public class DecodeException extends Exception {
    public DecodeException(String reason) {
        super(reason);
    }

    public DecodeException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
