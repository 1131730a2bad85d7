package io.ballast.jobs.state;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class RelativeTimeTest {
    private static final long T0 = 1_790_000_000_000L;
    private static final long[] EDGES = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -1, 0, 1, Long.MAX_VALUE - 1, Long.MAX_VALUE,
            T0, T0 - 1, T0 + 1, T0 + Long.MIN_VALUE, T0 + Long.MAX_VALUE, T0 - Long.MAX_VALUE};

    @Test
    void everyTimeComesBackForEveryBaseAndUnsetValue() {
        SplittableRandom random = new SplittableRandom(7);
        for (long base : EDGES) {
            for (long unset : new long[]{Long.MIN_VALUE, -1, 0, base, base + Long.MIN_VALUE}) {
                for (long t : EDGES) {
                    assertRoundTrip(t, base, unset);
                }
                for (int i = 0; i < 1_000; i++) {
                    assertRoundTrip(random.nextLong(), base, unset);
                    assertRoundTrip(base + random.nextInt(-100_000, 100_000), base, unset);
                }
            }
        }
    }

    @Test
    void distinctTimesGetDistinctCodes() {
        for (long base : EDGES) {
            long unset = -1;
            java.util.Set<Long> codes = new java.util.HashSet<>();
            for (long t : EDGES) {
                codes.add(RelativeTime.encode(t, base, unset));
            }
            assertThat(codes).hasSize((int) java.util.Arrays.stream(EDGES).distinct().count());
        }
    }

    @Test
    void unsetIsCodeZeroAndARecentTimeAFewBytes() {
        Block b = new Block();
        b.putTime(T0 - 4_999, T0, Long.MIN_VALUE);
        assertThat(b.toLengthPrefixed()).as("length byte and a two-byte varint").hasSize(3);
        assertThat(RelativeTime.encode(Long.MIN_VALUE, T0, Long.MIN_VALUE)).isZero();
        assertThat(RelativeTime.encode(-1, T0, -1)).isZero();
        assertThat(RelativeTime.encode(T0, T0, -1)).isEqualTo(1);
    }

    private static void assertRoundTrip(long t, long base, long unset) {
        long code = RelativeTime.encode(t, base, unset);
        assertThat(RelativeTime.decode(code, base, unset)).as("t=%d base=%d unset=%d code=%d", t, base, unset, code).isEqualTo(t);
    }
}
