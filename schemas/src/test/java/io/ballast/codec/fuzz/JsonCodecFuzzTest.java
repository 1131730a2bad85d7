package io.ballast.codec.fuzz;

import io.ballast.codec.AvroCodec;
import io.ballast.codec.DecodeException;
import io.ballast.codec.JsonCodec;
import io.ballast.contract.EventType;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.avro.specific.SpecificRecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Property-based fuzzing of the JSON Lines decoder: any input is a record or a DecodeException, never anything else. */
class JsonCodecFuzzTest {

    @Property(tries = 500)
    void anyStringIsARecordOrADecodeException(@ForAll String line) {
        assertOnlyDecodeException(line);
    }

    @Property(tries = 500)
    void jsonShapedNoiseIsARecordOrADecodeException(@ForAll("jsonish") String line) {
        assertOnlyDecodeException(line);
    }

    @Property(tries = 300)
    void validRecordsRoundTrip(@ForAll EventType type, @ForAll long seed) throws DecodeException {
        SpecificRecord record = RandomRecords.of(type, seed);
        String line = JsonCodec.toJson(record);
        SpecificRecord read = JsonCodec.fromJson(line);
        // Compared as canonical JSON (sorted map keys), not equals(): Avro's equals() says NaN != NaN, and NaN is legal.
        assertThat(JsonCodec.toJson(read)).isEqualTo(line);
        assertThat(JsonCodec.toJson(AvroCodec.decode(AvroCodec.encode(read)))).as("JSON -> Avro -> JSON").isEqualTo(line);
    }

    @Property(tries = 500)
    void mutatedValidLinesAreARecordOrADecodeException(@ForAll EventType type, @ForAll long seed,
                                                       @ForAll @IntRange(min = 0, max = 10_000) int at,
                                                       @ForAll("replacements") String replacement,
                                                       @ForAll boolean truncate) {
        String line = JsonCodec.toJson(RandomRecords.of(type, seed));
        int i = at % (line.length() + 1);
        String mutated = truncate ? line.substring(0, i) : line.substring(0, i) + replacement + line.substring(Math.min(line.length(), i + 1));
        assertOnlyDecodeException(mutated);
    }

    @Provide
    Arbitrary<String> jsonish() {
        return Arbitraries.strings().withChars("{}[]\":,0123456789.eE-+ntrufalsNIy\\ abcdefghijklmnopqrstuvwxyz_").ofMaxLength(200)
                .edgeCases(e -> e.add("{\"type\":\"gpu_sample\"}"));
    }

    @Provide
    Arbitrary<String> replacements() {
        return Arbitraries.of("", "\"", "{", "}", "[", "]", ",", ":", "null", "-1", "1e999", "NaN", "\"NaN\"", "true", "\"x\"",
                "9223372036854775808", "[1,2]", "{\"a\":1}", "\\u0000", "\uD800", "0.5", "Infinity");
    }

    private static void assertOnlyDecodeException(String line) {
        Throwable thrown = catchThrowable(() -> JsonCodec.fromJson(line));
        if (thrown != null) {
            assertThat(thrown).as("input %s", abbreviate(line)).isInstanceOf(DecodeException.class);
            assertThat(thrown.getMessage()).as("a reason for the dead letter").isNotBlank();
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
