package io.ballast.jobs.replay;

import io.ballast.codec.JsonCodec;
import io.ballast.events.DeadLetter;
import io.ballast.jobs.time.EventTime;

import org.apache.avro.specific.SpecificRecord;

import java.util.Comparator;

/** One line of replay output: an action (or alert) or a dead letter, already in its JSON Lines form. */
public class OutputLine {
    /** Actions sort by event time, then type, then id: the same input always gives the same bytes. */
    public static final Comparator<OutputLine> ACTION_ORDER =
            Comparator.comparingLong((OutputLine l) -> l.ts).thenComparing(l -> l.json);
    /** Dead letters keep input order: by line number of {@code file:line}. */
    public static final Comparator<OutputLine> DEAD_LETTER_ORDER = Comparator.comparingLong((OutputLine l) -> l.position).thenComparing(l -> l.json);

    public boolean deadLetter;
    public String type;
    public long ts;
    public long position;
    public String json;

    public OutputLine() {}

    public static OutputLine of(SpecificRecord record) {
        OutputLine line = new OutputLine();
        line.deadLetter = record instanceof DeadLetter;
        line.json = JsonCodec.toJson(record);
        line.type = io.ballast.contract.EventType.of(record).typeName();
        line.ts = EventTime.tsOf(record);
        line.position = record instanceof DeadLetter d ? lineNumber(d.getSource()) : 0;
        return line;
    }

    private static long lineNumber(String source) {
        int colon = source.lastIndexOf(':');
        try {
            return colon < 0 ? 0 : Long.parseLong(source.substring(colon + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
