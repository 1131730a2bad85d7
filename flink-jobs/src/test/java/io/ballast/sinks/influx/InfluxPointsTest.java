package io.ballast.sinks.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ballast.events.Alert;
import io.ballast.events.BiasUpdate;
import io.ballast.events.Drain;
import io.ballast.events.GpuSample;
import io.ballast.events.Rollback;
import io.ballast.events.TrainStep;

import org.influxdb.dto.Point;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

class InfluxPointsTest {
    @Test
    void gpuSampleTagsNodeAndGpuAndSkipsUnknownGauges() {
        GpuSample s = GpuSample.newBuilder().setTs(1000).setNode("n1").setGpu(3).setTempC(71.5).setPowerW(650.0)
                .setRemapFailure(false).build();

        assertThat(lines(InfluxPoints.gpuHealth(s))).containsExactly(
                "gpu_health,cluster=default,gpu=3,node=n1 power_w=650.0,remap_failure=false,temp_c=71.5 1000");
    }

    @Test
    void gpuSampleWithoutGaugesWritesNothing() {
        assertThat(InfluxPoints.gpuHealth(GpuSample.newBuilder().setTs(1).setNode("n").setGpu(0).build())).isEmpty();
    }

    @Test
    void trainingKeepsStepAsAFieldAndFlagsNonFiniteLoss() {
        TrainStep t = TrainStep.newBuilder().setTs(2000).setCluster("c1").setJob("j").setStep(42).setLoss(Double.NaN)
                .setGradNorm(1.25).build();

        assertThat(lines(InfluxPoints.training(t))).containsExactly(
                "training,cluster=c1,job=j grad_norm=1.25,loss_nonfinite=true,step=42i 2000");
    }

    @Test
    void drainIsAnActionWithNodeAndIdAsFields() {
        Drain d = Drain.newBuilder().setTs(3000).setNode("n7").setReason("xid 79").setRule("xid_fatal").setSeverity("critical")
                .setEvidence(List.of("xid=79", "gpu=2")).setId("d-1").build();

        assertThat(lines(InfluxPoints.drain(d))).containsExactly(
                "actions,cluster=default,rule=xid_fatal,type=drain "
                        + "evidence=\"xid=79; gpu=2\",id=\"d-1\",node=\"n7\",reason=\"xid 79\",severity=\"critical\" 3000");
    }

    @Test
    void rollbackIsAnActionWithJobAndStepsAsFields() {
        Rollback r = Rollback.newBuilder().setTs(4000).setJob("j").setSpikeStep(100).setTargetStep(90L).setTargetUri("s3://c/90")
                .setSkipFromStep(95).setSkipToStep(101).setSuspectNodes(List.of("n1", "n2")).setReason("loss spike")
                .setEvidence(List.of()).setId("r-1").build();

        String line = lines(InfluxPoints.rollback(r)).get(0);
        assertThat(line).startsWith("actions,cluster=default,rule=training_stability,type=rollback ");
        assertThat(line).contains("job=\"j\"", "id=\"r-1\"", "spike_step=100i", "target_step=90i", "suspect_nodes=\"n1,n2\"");
    }

    @Test
    void biasUpdateGivesABalanceSummaryAndOnePointPerExpert() {
        BiasUpdate b = BiasUpdate.newBuilder().setTs(5000).setJob("j").setLayer(4).setStep(7).setVersion(2)
                .setBias(List.of(-0.5, 0.0, 1.0)).setUpdateRate(0.001).setMaxVio(0.3).setId("b-1").build();

        List<String> lines = lines(InfluxPoints.biasUpdate(b));
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("moe_balance,cluster=default,job=j,layer=4 "
                + "bias_max=1.0,bias_mean=0.16666666666666666,bias_min=-0.5,max_vio=0.3,step=7i,update_rate=0.001,version=2i 5000");
        assertThat(lines.get(3)).isEqualTo("moe_bias,cluster=default,expert=2,job=j,layer=4 bias=1.0 5000");
    }

    @Test
    void alertTakesClusterFromItsLabels() {
        Alert a = Alert.newBuilder().setTs(6000).setId("a-1").setStatus("firing").setSeverity("warning").setName("nic_errors")
                .setSummary("port errors").setLabels(Map.of("cluster", "c2", "node", "n3")).build();

        assertThat(lines(InfluxPoints.alert(a))).containsExactly("alerts,cluster=c2,name=nic_errors,severity=warning,status=firing "
                + "id=\"a-1\",labels=\"cluster=c2,node=n3\",summary=\"port errors\" 6000");
    }

    @Test
    void metricRefusesHighCardinalityTags() {
        assertThatThrownBy(() -> InfluxPoints.metric("nic_rates", Map.of("step", "9"), Map.of("x", 1.0), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tag 'step'");
    }

    @Test
    void metricRefusesAPointWithoutFields() {
        java.util.HashMap<String, Object> fields = new java.util.HashMap<>();
        fields.put("x", null);
        assertThatThrownBy(() -> InfluxPoints.metric("nic_rates", Map.of(), fields, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no non-null field");
    }

    private static List<String> lines(List<Point> points) {
        return points.stream().map(p -> p.lineProtocol(TimeUnit.MILLISECONDS)).toList();
    }
}
