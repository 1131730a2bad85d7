package io.ballast.jobs.decode;

import io.ballast.codec.AvroCodec;
import io.ballast.codec.DecodeException;
import io.ballast.codec.JsonCodec;
import io.ballast.codec.NodeHeader;
import io.ballast.contract.EventType;
import io.ballast.events.DeadLetter;
import io.ballast.jobs.io.NodeMessage;
import io.ballast.jobs.io.RawRecord;
import io.ballast.jobs.replay.Replay;
import io.ballast.jobs.time.EventTime;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import org.apache.avro.specific.SpecificRecord;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Decodes raw records (Avro or JSON Lines) into typed telemetry on the {@link Telemetry} side outputs; GPU and NIC
 * samples only as far as their time and node ({@link NodeMessage}), the node operator decoding the rest.
 * Anything unreadable is emitted on the main output as a {@link DeadLetter} with the reason and the
 * source; the stream never fails on bad input. A live record (one with a source timestamp) whose {@code ts} is
 * more than the allowed skew ahead of this job's clock is a dead letter too: watermarks only move forward.
 */
public final class DecodeFunction extends ProcessFunction<RawRecord, DeadLetter> {
    private final long maxSkewMs;
    private transient Counter decoded;
    private transient Counter deadLetters;
    private transient LongCounter recordsIn;
    private transient NodeHeader header;
    /** The last good event time: stamps dead letters deterministically when the source has no clock of its own (files). */
    private transient long lastEventTs;

    /** @param maxClockSkew how far ahead of the job's clock a live record may be; zero for no check */
    public DecodeFunction(Duration maxClockSkew) {
        this.maxSkewMs = maxClockSkew.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        header = new NodeHeader();
        decoded = getRuntimeContext().getMetricGroup().counter("recordsDecoded");
        deadLetters = getRuntimeContext().getMetricGroup().counter("deadLetters");
        recordsIn = new LongCounter();
        getRuntimeContext().addAccumulator(Replay.RECORDS_IN, recordsIn);
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<DeadLetter> out) {
        recordsIn.add(1);
        try {
            if (raw.error == null && !raw.json && header.read(raw.payload)) {
                emit(raw, Telemetry.of(header.type()), header.ts(), NodeMessage.of(raw, header.ts(), header.cluster(), header.node(), raw.payload), ctx);
                return;
            }
            SpecificRecord record = decode(raw);
            EventType type = EventType.of(record);
            OutputTag<Object> tag = Telemetry.of(type);
            if (tag == null) {
                throw new DecodeException("type '" + type.typeName() + "' is a pipeline output, not telemetry");
            }
            long ts = EventTime.tsOf(record);
            emit(raw, tag, ts, Telemetry.asNodeMessage(type) ? NodeMessage.ofRecord(raw, record) : record, ctx);
        } catch (DecodeException e) {
            deadLetters.inc();
            out.collect(DeadLetters.of(raw.source(), raw.payload, e.getMessage(), raw.sourceTs > 0 ? raw.sourceTs : lastEventTs));
        }
    }

    private void emit(RawRecord raw, OutputTag<Object> tag, long ts, Object value, Context ctx) throws DecodeException {
        if (raw.sourceTs > 0 && maxSkewMs > 0) {
            checkSkew(ts, ctx.timerService().currentProcessingTime());
        }
        lastEventTs = ts;
        decoded.inc();
        ctx.output(tag, value);
    }

    private void checkSkew(long ts, long now) throws DecodeException {
        if (ts - now > maxSkewMs) {
            throw new DecodeException(String.format(java.util.Locale.ROOT,
                    "ts %s is %.1f h ahead of this job's clock (%s); ballast.max-clock-skew is %s: check the collector's clock",
                    Instant.ofEpochMilli(ts), (ts - now) / 3_600_000.0, Instant.ofEpochMilli(now), Duration.ofMillis(maxSkewMs)));
        }
    }

    static SpecificRecord decode(RawRecord raw) throws DecodeException {
        if (raw.error != null) {
            throw new DecodeException(raw.error);
        }
        if (!raw.json) {
            return AvroCodec.decode(raw.payload);
        }
        try {
            String line = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw.payload))
                    .toString();
            return JsonCodec.fromJson(line);
        } catch (CharacterCodingException e) {
            throw new DecodeException("invalid UTF-8 in JSON line");
        }
    }
}
