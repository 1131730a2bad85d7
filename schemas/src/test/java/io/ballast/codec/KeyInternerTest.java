package io.ballast.codec;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeyInternerTest {
    private static List<String> record(KeyInterner interner, String... keys) {
        interner.restart();
        List<String> out = new ArrayList<>();
        for (String key : keys) {
            byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
            byte[] padded = new byte[bytes.length + 3]; // only [0, length) counts
            System.arraycopy(bytes, 0, padded, 0, bytes.length);
            out.add(interner.intern(padded, bytes.length));
        }
        return out;
    }

    @Test
    void keysInTheUsualOrderComeBackAsTheSameStrings() {
        KeyInterner interner = new KeyInterner(16);
        List<String> first = record(interner, "port_rcv_data", "port_xmit_data", "symbol_error");
        List<String> second = record(interner, "port_rcv_data", "port_xmit_data", "symbol_error");

        assertThat(second).containsExactly("port_rcv_data", "port_xmit_data", "symbol_error");
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i)).isSameAs(first.get(i));
        }
    }

    @Test
    void aKeyIsFirstInItsRecordOnlyAtItsFirstOccurrenceThere() {
        KeyInterner interner = new KeyInterner(16);
        for (int round = 0; round < 2; round++) { // fresh, then through the guessed order
            interner.restart();
            List<Boolean> first = new ArrayList<>();
            for (String key : new String[]{"a", "bb", "a", "ccc", "bb"}) {
                byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
                interner.intern(bytes, bytes.length);
                first.add(interner.firstInRecord());
            }
            assertThat(first).containsExactly(true, true, false, true, false);
        }
    }

    @Test
    void aKeyPastCapacityIsNeverTakenAsFirstInItsRecord() {
        KeyInterner interner = new KeyInterner(1);
        record(interner, "a");
        interner.restart();
        byte[] b = "b".getBytes(StandardCharsets.UTF_8);
        interner.intern(b, 1);

        assertThat(interner.firstInRecord()).isFalse();
    }

    @Test
    void aChangedOrderAnInsertedKeyOrAPrefixStillDecodeRight() {
        KeyInterner interner = new KeyInterner(16);
        record(interner, "a", "bb", "ccc");

        assertThat(record(interner, "ccc", "a", "bb")).containsExactly("ccc", "a", "bb");
        assertThat(record(interner, "a", "new", "bb", "ccc")).containsExactly("a", "new", "bb", "ccc");
        assertThat(record(interner, "a", "b", "bbb", "cc")).containsExactly("a", "b", "bbb", "cc");
        assertThat(record(interner, "a", "bb", "ccc")).containsExactly("a", "bb", "ccc");
    }

    @Test
    void rememberedKeysAreTheInstancesOfEqualLiterals() {
        KeyInterner interner = new KeyInterner(16);
        assertThat(record(interner, "symbol_error").get(0)).isSameAs("symbol_error");
    }

    @Test
    void keysPastItsCapacityAreDecodedButNotRemembered() {
        KeyInterner interner = new KeyInterner(2);
        List<String> first = record(interner, "a", "b", "c", "d", "a");
        List<String> second = record(interner, "a", "b", "c", "d", "a");

        assertThat(second).containsExactly("a", "b", "c", "d", "a");
        assertThat(second.get(0)).isSameAs(first.get(0));
        assertThat(second.get(4)).isSameAs(first.get(0));
        assertThat(second.get(2)).isEqualTo("c").isNotSameAs(first.get(2));
    }
}
