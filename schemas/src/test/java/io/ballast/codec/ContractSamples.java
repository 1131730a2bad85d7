package io.ballast.codec;

import io.ballast.contract.EventType;

import java.util.EnumMap;
import java.util.Map;

/** One realistic JSON line per record kind, every optional field filled, as a collector or the pipeline writes it. */
final class ContractSamples {
    static final long TS = 1_795_486_326_353L;

    private static final Map<EventType, String> LINES = new EnumMap<>(EventType.class);

    static {
        LINES.put(EventType.GPU_SAMPLE, """
                {"type":"gpu_sample","ts":1795486326353,"cluster":"h100-a","node":"gpu-node-001","gpu":3,
                 "uuid":"GPU-259db9e6-e471-8c4d-7b4c-740e31be01e1","temp_c":61.0,"mem_temp_c":70.5,"power_w":612.4,
                 "sm_clock_mhz":1980.0,"util_pct":97.0,"mem_used_mib":71234.5,"ecc_sbe_volatile_total":2,
                 "ecc_dbe_volatile_total":0,"ecc_sbe_aggregate_total":17,"ecc_dbe_aggregate_total":0,
                 "retired_pages_sbe":0,"retired_pages_dbe":0,"retired_pages_pending":false,
                 "remapped_rows_correctable":1,"remapped_rows_uncorrectable":0,"remap_pending":false,
                 "remap_failure":false,"nvlink_crc_errors_total":4,"nvlink_replay_errors_total":1,
                 "nvlink_recovery_errors_total":0,"pcie_replay_total":0,"throttle_reasons":4}""");
        LINES.put(EventType.XID, """
                {"type":"xid","ts":1795486326353,"cluster":"h100-a","node":"gpu-node-002","gpu":5,
                 "pci_bus_id":"0000:9d:00.0","xid":79,"pid":4711,
                 "message":"GPU has fallen off the bus."}""");
        LINES.put(EventType.NIC_COUNTERS, """
                {"type":"nic_counters","ts":1795486326353,"cluster":"h100-a","node":"gpu-node-003","device":"mlx5_2",
                 "port":1,"plane":2,"switch":"leaf-p2-0","link_state":"ACTIVE",
                 "boot_id":"6c1f8a1e-94b1-4a3e-9d7e-0b1e2f3a4b5c",
                 "counters":{"symbol_error":0,"link_error_recovery":1,"link_downed":0,"port_rcv_errors":0,
                             "port_xmit_data":918273645123,"port_rcv_data":918273000042,"port_xmit_wait":5512,
                             "np_cnp_sent":12,"rp_cnp_handled":9}}""");
        LINES.put(EventType.EXPERT_LOAD, """
                {"type":"expert_load","ts":1795486326353,"cluster":"h100-a","job":"job-moe-1","step":120,"layer":2,
                 "rank":1,"ranks":4,"counts":[492,469,520,545,556,1469,556,488,594,515,420,560,492,428,580,508]}""");
        LINES.put(EventType.TRAIN_STEP, """
                {"type":"train_step","ts":1795486326353,"cluster":"h100-a","job":"job-moe-1","step":120,
                 "loss":2.4571,"grad_norm":1.03,"lr":3.0E-4,"tokens":4194304,"step_time_ms":873.36}""");
        LINES.put(EventType.SDC_CHECK, """
                {"type":"sdc_check","ts":1795486326353,"cluster":"h100-a","job":"job-moe-1","node":"gpu-node-004",
                 "gpu":6,"step":118,"check":"recompute_checksum","passed":false,
                 "detail":"checksum mismatch on layer 17 activations"}""");
        LINES.put(EventType.CHECKPOINT, """
                {"type":"checkpoint","ts":1795486326353,"cluster":"h100-a","job":"job-moe-1","step":100,
                 "uri":"s3://ckpt/job-moe-1/step-000100","status":"saved"}""");
        LINES.put(EventType.JOB_TOPOLOGY, """
                {"type":"job_topology","ts":1795486326353,"cluster":"h100-a","job":"job-moe-1",
                 "nodes":["gpu-node-001","gpu-node-002"],"experts":4,"bias_update_rate":0.001,
                 "expert_hosts":["gpu-node-001/0","gpu-node-001/1","gpu-node-002/0","gpu-node-002/1"]}""");
        LINES.put(EventType.BIAS_UPDATE, """
                {"type":"bias_update","job":"job-moe-1","layer":2,"step":120,"version":7,
                 "bias":[0.001,-0.003,0.0,0.002],"update_rate":0.001,"max_vio":0.42,"ts":1795486326353,
                 "id":"bias-job-moe-1-2-7","cluster":"h100-a"}""");
        LINES.put(EventType.ROLLBACK, """
                {"type":"rollback","job":"job-moe-1","spike_step":160,"target_step":100,
                 "target_uri":"s3://ckpt/job-moe-1/step-000100","skip_from_step":150,"skip_to_step":165,
                 "suspect_nodes":["gpu-node-004"],"reason":"loss spike after failed SDC check",
                 "evidence":["sdc_check recompute_checksum failed at step 150","loss 7.1 vs 2.4"],
                 "ts":1795486326353,"id":"rollback-job-moe-1-160","cluster":"h100-a"}""");
        LINES.put(EventType.DRAIN, """
                {"type":"drain","node":"gpu-node-002","reason":"Xid 79: GPU fell off the bus","rule":"xid-hardware",
                 "severity":"critical","evidence":["xid 79 gpu 5 at 1795486326353"],"ts":1795486326353,
                 "id":"drain-gpu-node-002-xid-79","cluster":"h100-a"}""");
        LINES.put(EventType.ALERT, """
                {"type":"alert","id":"switch-leaf-p2-0","status":"firing","severity":"warning",
                 "name":"leaf_switch_errors","summary":"5 nodes behind leaf-p2-0 show link errors on plane 2",
                 "labels":{"switch":"leaf-p2-0","plane":"2"},"ts":1795486326353}""");
        LINES.put(EventType.DEAD_LETTER, """
                {"type":"dead_letter","ts":1795486326353,"source":"trace.jsonl:17","reason":"malformed JSON",
                 "payload":"{\\"type\\":","payload_bytes":9}""");
    }

    private ContractSamples() {}

    static String line(EventType type) {
        String line = LINES.get(type);
        if (line == null) {
            throw new IllegalStateException("no sample line for " + type + ": add one when adding a record kind");
        }
        return line.replace("\n", "");
    }
}
