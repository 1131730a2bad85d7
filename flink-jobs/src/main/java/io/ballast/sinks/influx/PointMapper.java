package io.ballast.sinks.influx;

import org.influxdb.dto.Point;

import java.io.Serializable;
import java.util.List;
import java.util.function.Function;

/** Turns one stream element into the points to write; serializable so Flink can ship it with the sink. */
@FunctionalInterface
public interface PointMapper<T> extends Function<T, List<Point>>, Serializable {}
