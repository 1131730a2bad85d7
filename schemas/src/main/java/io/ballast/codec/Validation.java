package io.ballast.codec;

import io.ballast.events.ExpertLoad;
import io.ballast.events.GpuSample;
import io.ballast.events.NicCounters;
import io.ballast.events.Xid;

import org.apache.avro.specific.SpecificRecord;

import java.util.Map;

/**
 * Checks a decoded record against the contract beyond what its schema enforces, the same for JSON
 * and Avro input: values a well-behaved source can never send are rejected with a reason.
 */
final class Validation {
    /** 2000-01-01 and 2100-01-01: a ts outside is a unit or clock bug, and would wreck watermarks. */
    static final long MIN_TS = 946_684_800_000L;
    static final long MAX_TS = 4_102_444_800_000L;
    /** Far above any real MoE layer (DeepSeek-V3 has 256 routed experts), far below what exhausts memory. */
    static final int MAX_EXPERTS = 65_536;

    private Validation() {}

    static void check(SpecificRecord record) throws DecodeException {
        if (record.get(record.getSchema().getField("ts").pos()) instanceof Long t) {
            checkTs(t);
        }
        if (record instanceof ExpertLoad e) {
            checkExpertLoad(e);
        } else if (record instanceof NicCounters n) {
            checkCounters(n.getCounters());
        } else if (record instanceof GpuSample g && g.getGpu() < 0) {
            throw new DecodeException("field 'gpu': must be >= 0, got " + g.getGpu());
        } else if (record instanceof Xid x && x.getXid() < 0) {
            throw new DecodeException("field 'xid': must be >= 0, got " + x.getXid());
        }
    }

    /** An event time outside 2000-2100 is a unit or clock bug; checked before the record sets any watermark. */
    static void checkTs(long ts) throws DecodeException {
        if (ts < MIN_TS || ts > MAX_TS) {
            throw new DecodeException("field 'ts': " + ts + " is not epoch milliseconds between 2000 and 2100");
        }
    }

    private static void checkCounters(Map<String, Long> counters) throws DecodeException {
        if (counters instanceof CounterMap m) { // what the Avro decoder gives: read without boxing
            for (int i = 0; i < m.size(); i++) {
                if (m.valueAt(i) < 0) {
                    throw negativeCounter(m.nameAt(i), m.valueAt(i));
                }
            }
            return;
        }
        for (Map.Entry<String, Long> c : counters.entrySet()) {
            if (c.getValue() == null || c.getValue() < 0) {
                throw negativeCounter(c.getKey(), c.getValue());
            }
        }
    }

    private static DecodeException negativeCounter(String name, Long value) {
        return new DecodeException("field 'counters." + name + "': cumulative counter must be >= 0, got " + value);
    }

    private static void checkExpertLoad(ExpertLoad e) throws DecodeException {
        if (e.getRanks() < 1) {
            throw new DecodeException("field 'ranks': must be >= 1, got " + e.getRanks());
        }
        if (e.getCounts().isEmpty() || e.getCounts().size() > MAX_EXPERTS) {
            throw new DecodeException("field 'counts': needs 1.." + MAX_EXPERTS + " experts, got " + e.getCounts().size());
        }
        for (Long c : e.getCounts()) {
            if (c == null || c < 0) {
                throw new DecodeException("field 'counts': token counts must be >= 0, got " + c);
            }
        }
    }
}
