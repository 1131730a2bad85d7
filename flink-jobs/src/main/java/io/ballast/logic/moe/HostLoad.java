package io.ballast.logic.moe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Expert load folded onto the hardware that hosts it ({@code job_topology.expert_hosts}, {@code node/gpu} per
 * expert). The busiest GPU over the mean GPU is what sets expert-parallel all-to-all time, not MaxVio per expert.
 *
 * @param perGpu tokens per host GPU ({@code node/gpu})
 * @param perNode tokens per node
 * @param gpuMaxOverMean busiest GPU's tokens over the mean of the GPUs hosting experts (1 = even; 0 if no tokens)
 * @param nodeMaxOverMean the same per node
 */
public record HostLoad(Map<String, Long> perGpu, Map<String, Long> perNode, double gpuMaxOverMean,
                       double nodeMaxOverMean, String busiestGpu, String busiestNode) {

    /**
     * Folds one layer's counts onto hosts.
     *
     * @throws IllegalArgumentException when the vectors disagree in length or a host is blank (the message names it)
     */
    public static HostLoad of(long[] counts, List<String> expertHosts) {
        if (expertHosts == null || expertHosts.size() != counts.length) {
            throw new IllegalArgumentException("expert_hosts lists " + (expertHosts == null ? 0 : expertHosts.size())
                    + " hosts but the layer has " + counts.length + " experts");
        }
        Map<String, Long> perGpu = new TreeMap<>();
        Map<String, Long> perNode = new TreeMap<>();
        for (int i = 0; i < counts.length; i++) {
            String host = expertHosts.get(i);
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("expert_hosts[" + i + "] is blank");
            }
            perGpu.merge(host, counts[i], Long::sum);
            perNode.merge(nodeOf(host), counts[i], Long::sum);
        }
        return new HostLoad(perGpu, perNode, maxOverMean(perGpu), maxOverMean(perNode), busiest(perGpu),
                busiest(perNode));
    }

    /** Experts placed on a node (gpu null) or on one GPU of it. */
    public static int[] expertsOn(List<String> expertHosts, String node, Integer gpu) {
        List<Integer> hits = new ArrayList<>();
        for (int i = 0; i < expertHosts.size(); i++) {
            String host = expertHosts.get(i);
            if (host == null) {
                continue;
            }
            boolean match = gpu == null ? nodeOf(host).equals(node) : host.equals(node + "/" + gpu);
            if (match) {
                hits.add(i);
            }
        }
        return hits.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The node part of {@code node/gpu}; a host without a slash is a node by itself. */
    public static String nodeOf(String host) {
        int slash = host.lastIndexOf('/');
        return slash < 0 ? host : host.substring(0, slash);
    }

    private static double maxOverMean(Map<String, Long> loads) {
        long max = Collections.max(loads.values());
        double mean = loads.values().stream().mapToLong(Long::longValue).average().orElse(0);
        return mean == 0 ? 0.0 : max / mean;
    }

    private static String busiest(Map<String, Long> loads) {
        return Collections.max(loads.entrySet(), Map.Entry.comparingByValue()).getKey();
    }
}
