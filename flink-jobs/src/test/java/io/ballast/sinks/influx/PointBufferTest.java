package io.ballast.sinks.influx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.List;

class PointBufferTest {
    private static PointBuffer.Line metric(String s) {
        return new PointBuffer.Line(s, false);
    }

    private static PointBuffer.Line action(String s) {
        return new PointBuffer.Line(s, true);
    }

    @Test
    void overflowDropsTheOldestMetricFirst() {
        PointBuffer buffer = new PointBuffer(3);
        buffer.add(metric("m1"));
        buffer.add(action("a1"));
        buffer.add(metric("m2"));

        PointBuffer.Dropped dropped = buffer.add(metric("m3"));

        assertThat(dropped).isEqualTo(new PointBuffer.Dropped(1, 0));
        assertThat(buffer.take(10)).extracting(PointBuffer.Line::text).containsExactly("a1", "m2", "m3");
    }

    @Test
    void dropsActionsOnlyWhenNoMetricIsLeft() {
        PointBuffer buffer = new PointBuffer(2);
        buffer.add(action("a1"));
        buffer.add(metric("m1"));

        assertThat(buffer.add(action("a2"))).isEqualTo(new PointBuffer.Dropped(1, 0));
        assertThat(buffer.add(action("a3"))).isEqualTo(new PointBuffer.Dropped(0, 1));
        assertThat(buffer.take(10)).extracting(PointBuffer.Line::text).containsExactly("a2", "a3");
    }

    @Test
    void requeuedBatchGoesBackInFrontAndOverflowsFirst() {
        PointBuffer buffer = new PointBuffer(3);
        buffer.add(metric("m1"));
        buffer.add(metric("m2"));
        List<PointBuffer.Line> batch = buffer.take(2);
        buffer.add(metric("m3"));
        buffer.add(metric("m4"));

        assertThat(buffer.requeue(batch)).isEqualTo(new PointBuffer.Dropped(1, 0));
        assertThat(buffer.take(10)).extracting(PointBuffer.Line::text).containsExactly("m2", "m3", "m4");
    }

    @Test
    void takeRespectsTheBatchSize() {
        PointBuffer buffer = new PointBuffer(10);
        buffer.add(metric("m1"));
        buffer.add(metric("m2"));
        buffer.add(metric("m3"));

        assertThat(buffer.take(2)).hasSize(2);
        assertThat(buffer.size()).isEqualTo(1);
    }
}
