package io.ballast.codec;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The decoders' counter map behaves as a read-only {@link Map} in insertion order, whatever the name's instance. */
class CounterMapTest {
    @Test
    void itIsAMapOfItsCountersInTheOrderTheyCame() {
        CounterMap m = new CounterMap(1); // grows past its first capacity
        m.add("symbol_error", 3);
        m.add("port_xmit_data", 9_000_000_000L);
        m.add("vendor_counter", -1);

        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("symbol_error", 3L);
        expected.put("port_xmit_data", 9_000_000_000L);
        expected.put("vendor_counter", -1L);
        assertThat(m).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(m.keySet()).containsExactly("symbol_error", "port_xmit_data", "vendor_counter");
        assertThat(m.get(new String("port_xmit_data"))).as("found by an equal name").isEqualTo(9_000_000_000L);
        assertThat(m.get("link_downed")).isNull();
        assertThat(m.get(42)).isNull();
        assertThat(m.containsKey(new String("vendor_counter"))).isTrue();
        assertThat(m.nameAt(1)).isEqualTo("port_xmit_data");
        assertThat(m.valueAt(2)).isEqualTo(-1L);
    }

    @Test
    void aNameAddedTwiceKeepsTheLastValueAsAMapDoes() {
        CounterMap m = new CounterMap(4);
        m.add("symbol_error", 3);
        m.add(new String("symbol_error"), 5);

        assertThat(m).containsExactly(Map.entry("symbol_error", 5L));
    }

    @Test
    void itCannotBeChangedThroughTheMapInterface() {
        CounterMap m = new CounterMap(2);
        m.add("symbol_error", 3);

        assertThatThrownBy(() -> m.put("link_downed", 1L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.entrySet().iterator().next().setValue(4L)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(m).containsExactly(Map.entry("symbol_error", 3L));
    }

    @Test
    void distinctNamesAreAppendedInOrder() {
        CounterMap m = new CounterMap(1);
        m.addDistinct("a", 1);
        m.addDistinct("b", 2);
        m.addDistinct("c", 3);

        assertThat(m).containsExactly(Map.entry("a", 1L), Map.entry("b", 2L), Map.entry("c", 3L));
        assertThat(m.get("b")).isEqualTo(2L);
    }

    @Test
    void anEntryKeepsTheIdItWasAddedWithAndOthersHaveNone() {
        CounterMap m = new CounterMap(1); // grows twice: the ids grow with the names
        m.addDistinct("a", 1);
        m.addDistinct("b", 7, 2);
        m.addDistinct("c", 3);
        m.add("b", 4); // a new value keeps the entry's id

        assertThat(m.idAt(0)).isEqualTo(CounterMap.NO_ID);
        assertThat(m.idAt(1)).isEqualTo(7);
        assertThat(m.idAt(2)).isEqualTo(CounterMap.NO_ID);
        assertThat(m).containsExactly(Map.entry("a", 1L), Map.entry("b", 4L), Map.entry("c", 3L));
        assertThat(new CounterMap(2).idAt(0)).isEqualTo(CounterMap.NO_ID);
    }

    @Test
    void namesAppendedWithoutASearchAreStillFoundAndReplacedLater() {
        CounterMap m = new CounterMap(1);
        m.addDistinct("symbol_error", 1);
        m.addDistinct("link_downed", 3, 2);
        m.add("symbol_error", 5); // searches the entries appended before
        m.addDistinct("port_rcv_errors", 7); // appended after a search: found by the next one
        m.add(new String("port_rcv_errors".toCharArray()), 8);

        assertThat(m).containsExactly(Map.entry("symbol_error", 5L), Map.entry("link_downed", 2L), Map.entry("port_rcv_errors", 8L));
        assertThat(m.containsKey("link_downed")).isTrue();
        assertThat(m.get("nope")).isNull();
    }
}
