package io.ballast.rules.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ballast.rules.hardware.DrainVerdict.Outcome;
import org.junit.jupiter.api.Test;

class DrainGuardTest {
    private static final long MIN = 60_000L;

    private static DrainGuard guardWithFleet(int fleet) {
        return new DrainGuard(new DrainGuard.Config(3, 10 * MIN, 0.05, 6 * 60 * MIN, fleet));
    }

    @Test
    void allowsUpToThreeDrainsPerWindowThenSuppressesWithAReason() {
        DrainGuard g = guardWithFleet(1000);
        assertThat(g.decide("n1", 0).allowed()).isTrue();
        assertThat(g.decide("n2", MIN).allowed()).isTrue();
        assertThat(g.decide("n3", 2 * MIN).allowed()).isTrue();
        DrainVerdict fourth = g.decide("n4", 3 * MIN);
        assertThat(fourth.outcome()).isEqualTo(Outcome.SUPPRESS);
        assertThat(fourth.reason()).contains("rate limit").contains("3 drains");
    }

    @Test
    void allowsAgainOnceTheWindowSlidesPast() {
        DrainGuard g = guardWithFleet(1000);
        g.decide("n1", 0);
        g.decide("n2", 0);
        g.decide("n3", 0);
        assertThat(g.decide("n4", 10 * MIN).allowed()).isTrue();
    }

    @Test
    void capsTheFractionOfTheFleetDrainedAtOnce() {
        DrainGuard g = guardWithFleet(40); // 5% of 40 = 2
        assertThat(g.decide("n1", 0).allowed()).isTrue();
        assertThat(g.decide("n2", 20 * MIN).allowed()).isTrue();
        DrainVerdict third = g.decide("n3", 40 * MIN);
        assertThat(third.outcome()).isEqualTo(Outcome.SUPPRESS);
        assertThat(third.reason()).contains("fleet limit").contains("2 of 40");
    }

    @Test
    void alwaysAllowsAtLeastOneDrainInASmallFleet() {
        DrainGuard g = guardWithFleet(3);
        assertThat(g.allowance()).isEqualTo(1);
        assertThat(g.decide("n1", 0).allowed()).isTrue();
        assertThat(g.decide("n2", 30 * MIN).outcome()).isEqualTo(Outcome.SUPPRESS);
    }

    @Test
    void learnsTheFleetSizeFromNodesThatReport() {
        DrainGuard g = new DrainGuard();
        for (int i = 0; i < 60; i++) {
            g.nodeJoined();
        }
        assertThat(g.allowance()).isEqualTo(3);
    }

    @Test
    void nodesThatLeftNoLongerCountTowardsTheFleet() {
        DrainGuard g = new DrainGuard();
        for (int i = 0; i < 60; i++) {
            g.nodeJoined();
        }
        for (int i = 0; i < 20; i++) {
            g.nodeLeft();
        }
        assertThat(g.allowance()).isEqualTo(2); // 5% of 40
        DrainGuard empty = new DrainGuard();
        empty.nodeLeft(); // a leave without its join (state restored from before the count) does not go negative
        empty.nodeJoined();
        assertThat(empty.getNodesReporting()).isEqualTo(1);
    }

    @Test
    void isIdleOnlyWithNoReportingNodeAndNoDrainInItsWindows() {
        DrainGuard g = new DrainGuard(new DrainGuard.Config(3, 10 * MIN, 0.05, 60 * MIN, 0));
        assertThat(g.idle(0)).isTrue();
        g.nodeJoined();
        assertThat(g.idle(0)).isFalse();
        g.nodeLeft();
        g.decide("n1", 0);
        assertThat(g.idle(59 * MIN)).as("drain within its hold").isFalse();
        assertThat(g.idle(60 * MIN)).isTrue();
    }

    @Test
    void doesNotDrainANodeTwice() {
        DrainGuard g = guardWithFleet(1000);
        g.decide("n1", 0);
        DrainVerdict again = g.decide("n1", MIN);
        assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(g.activeDrainCount(MIN)).isEqualTo(1);
    }

    @Test
    void recoveredNodeFreesFleetCapacity() {
        DrainGuard g = guardWithFleet(3);
        g.decide("n1", 0);
        g.recovered("n1");
        assertThat(g.decide("n2", 20 * MIN).allowed()).isTrue();
    }

    @Test
    void drainsStopCountingAfterTheHoldTime() {
        DrainGuard g = new DrainGuard(new DrainGuard.Config(3, 10 * MIN, 0.05, 60 * MIN, 3));
        g.decide("n1", 0);
        assertThat(g.decide("n2", 30 * MIN).allowed()).isFalse();
        assertThat(g.decide("n2", 60 * MIN).allowed()).isTrue();
    }

    @Test
    void rejectsAnOutOfRangeConfig() {
        assertThatThrownBy(() -> new DrainGuard.Config(3, 10 * MIN, 1.5, MIN, 0)).hasMessageContaining("maxFleetFraction");
    }
}
