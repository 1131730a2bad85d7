package io.ballast.collectors.publish;

/**
 * What a publisher has done so far. {@code accepted = delivered + dropped + rejected + buffered + inFlight}.
 *
 * @param dropped  records lost to a full buffer during an outage, or left unsent at close
 * @param rejected records Kafka refused for good (e.g. too large)
 * @param outages  times Kafka became unreachable
 */
public record PublisherStats(long accepted, long delivered, long dropped, long rejected, int buffered, int inFlight,
                             boolean inOutage, long outages) {}
