package io.ballast.jobs.backtest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ActionDiffTest {
    private static final String DRAIN_N1 = "{\"type\":\"drain\",\"ts\":10,\"id\":\"a\",\"node\":\"n1\",\"reason\":\"xid 79\",\"rule\":\"R\",\"rule_set_version\":\"v1\"}";
    private static final String ALERT_N2 = "{\"type\":\"alert\",\"ts\":20,\"id\":\"x\",\"name\":\"symbol_errors\",\"status\":\"firing\",\"severity\":\"warning\","
            + "\"labels\":{\"node\":\"n2\",\"rule\":\"S\",\"rule_set_version\":\"v1\"}}";

    @Test
    void ignoresRuleSetVersionsAndIds() {
        List<String> b = List.of(DRAIN_N1.replace("v1", "v2").replace("\"a\"", "\"b\""), ALERT_N2.replace("v1", "v2"));
        assertThat(ActionDiff.between(List.of(DRAIN_N1, ALERT_N2), b)).isEmpty();
    }

    @Test
    void listsAddedRemovedAndChangedBySubject() {
        String drainN3 = DRAIN_N1.replace("n1", "n3");
        String changedAlert = ALERT_N2.replace("warning", "critical").replace("\"rule\":\"S\"", "\"rule\":\"S2\"");
        List<ActionDiff.Change> changes = ActionDiff.between(List.of(DRAIN_N1, ALERT_N2), List.of(drainN3, changedAlert));
        assertThat(changes).extracting(ActionDiff.Change::oneLine).containsExactly(
                "removed drain n1 @10",
                "added drain n3 @10",
                "changed alert symbol_errors firing {node=n2} @20 (labels.rule, severity)");
    }

    @Test
    void aRepeatedActionMatchesItsCounterpartInOrder() {
        String again = DRAIN_N1.replace("\"ts\":10", "\"ts\":99");
        assertThat(ActionDiff.between(List.of(DRAIN_N1, again), List.of(DRAIN_N1))).singleElement()
                .satisfies(c -> assertThat(c.oneLine()).isEqualTo("removed drain n1 @99"));
    }
}
