package io.ballast.codec.fuzz;

import io.ballast.codec.AvroCodec;
import io.ballast.codec.DecodeException;
import io.ballast.codec.JsonCodec;
import io.ballast.contract.EventType;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.avro.specific.SpecificRecord;

import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Property-based fuzzing of the Avro single-object decoder: any bytes are a record or a DecodeException, never anything else. */
class AvroCodecFuzzTest {

    @Property(tries = 500)
    void anyBytesAreARecordOrADecodeException(@ForAll @Size(max = 300) byte[] message) {
        assertOnlyDecodeException(message);
    }

    @Property(tries = 500)
    void aValidHeaderWithAnyBodyIsARecordOrADecodeException(@ForAll EventType type, @ForAll @Size(max = 300) byte[] body) {
        byte[] header = Arrays.copyOf(AvroCodec.encode(RandomRecords.of(type, 1)), 10);
        byte[] message = Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, message, header.length, body.length);
        assertOnlyDecodeException(message);
    }

    @Property(tries = 300)
    void validRecordsRoundTrip(@ForAll EventType type, @ForAll long seed) throws DecodeException {
        SpecificRecord record = RandomRecords.of(type, seed);
        byte[] message = AvroCodec.encode(record);
        SpecificRecord read = AvroCodec.decode(message);
        // Compared as canonical JSON (sorted map keys, so not the bytes: a decoded map iterates in another order),
        // not equals(): Avro's equals() says NaN != NaN, and NaN is legal (a diverged loss).
        assertThat(JsonCodec.toJson(read)).isEqualTo(JsonCodec.toJson(record));
    }

    @Property(tries = 500)
    void corruptedValidMessagesAreARecordOrADecodeException(@ForAll EventType type, @ForAll long seed,
                                                            @ForAll @IntRange(min = 0, max = 100_000) int at,
                                                            @ForAll byte value, @ForAll boolean truncate) {
        byte[] message = AvroCodec.encode(RandomRecords.of(type, seed));
        int i = at % message.length;
        byte[] corrupted = truncate ? Arrays.copyOf(message, i) : message.clone();
        if (!truncate) {
            corrupted[i] = value;
        }
        assertOnlyDecodeException(corrupted);
    }

    private static void assertOnlyDecodeException(byte[] message) {
        Throwable thrown = catchThrowable(() -> AvroCodec.decode(message));
        if (thrown != null) {
            assertThat(thrown).as("input %s", HexFormat.of().formatHex(message)).isInstanceOf(DecodeException.class);
            assertThat(thrown.getMessage()).as("a reason for the dead letter").isNotBlank();
        }
    }
}
