package io.ballast.jobs.decode;

import io.ballast.events.DeadLetter;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/** Builds dead letters: the reason, the source, and the first 4 KiB of the raw payload (text when it is UTF-8, else base64). */
public final class DeadLetters {
    public static final int MAX_PAYLOAD_BYTES = 4096;

    private DeadLetters() {}

    public static DeadLetter of(String source, byte[] payload, String reason, long ts) {
        byte[] head = payload.length <= MAX_PAYLOAD_BYTES ? payload : Arrays.copyOf(payload, MAX_PAYLOAD_BYTES);
        String text = utf8OrNull(head, payload.length > MAX_PAYLOAD_BYTES);
        return DeadLetter.newBuilder()
                .setTs(ts)
                .setSource(source)
                .setReason(reason)
                .setPayload(text != null ? text : Base64.getEncoder().encodeToString(head))
                .setPayloadEncoding(text != null ? null : "base64")
                .setPayloadBytes((long) payload.length)
                .build();
    }

    /** Strict UTF-8 decoding; a cut may split the last character, which is then dropped rather than reported. */
    private static String utf8OrNull(byte[] bytes, boolean truncated) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, truncated ? completeUtf8Prefix(bytes) : bytes.length))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static int completeUtf8Prefix(byte[] bytes) {
        int end = bytes.length;
        int back = 0;
        while (back < 3 && end - back - 1 >= 0 && (bytes[end - back - 1] & 0xC0) == 0x80) {
            back++;
        }
        int lead = end - back - 1;
        if (lead >= 0 && (bytes[lead] & 0x80) != 0) {
            int need = (bytes[lead] & 0xE0) == 0xC0 ? 2 : (bytes[lead] & 0xF0) == 0xE0 ? 3 : 4;
            if (back + 1 < need) {
                return lead;
            }
        }
        return end;
    }
}
