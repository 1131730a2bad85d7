package io.ballast.jobs.hardware;

import io.ballast.jobs.state.KeptBytes;
import io.ballast.rules.hardware.CounterTracker;

import java.util.Arrays;

/**
 * A node's hardware state in one value: its presence (last seen, which part of its key is the cluster), a counter track
 * per GPU and a counter baseline per NIC port. One key, one value and one expiry timer per node: every node that reports
 * has them, so a healthy node costs a checkpoint this and nothing else. The GPUs and the ports each keep the bytes of
 * their last checkpoint until they change ({@link KeptBytes}): a node's GPU and NIC collectors report at different
 * times, and a new last-seen time alone re-encodes neither.
 */
public final class NodeHardware {
    private final KeptBytes gpuBytes = new KeptBytes();
    private final KeptBytes portBytes = new KeptBytes();
    private long lastSeen = Long.MIN_VALUE;
    private final int clusterLength;
    private int[] gpuIds = new int[8];
    private GpuTrack[] gpuTracks = new GpuTrack[8];
    private int gpuCount;
    private String[] portDevices = new String[8];
    private int[] portNumbers = new int[8];
    private CounterTracker[] portTrackers = new CounterTracker[8];
    private int portCount;

    /** @param clusterLength the length of the cluster's name at the front of the node's key ({@link NodeKey}) */
    public NodeHardware(int clusterLength) {
        this.clusterLength = clusterLength;
    }

    /** Newest event time of any record of the node; its hardware state expires a day after it. */
    public long lastSeen() { return lastSeen; }

    public void seen(long ts) {
        lastSeen = ts;
    }

    public int clusterLength() { return clusterLength; }

    /** The track of GPU {@code gpu} for an update, added fresh on first sight. */
    public GpuTrack track(int gpu) {
        gpuBytes.clear();
        for (int i = 0; i < gpuCount; i++) {
            if (gpuIds[i] == gpu) {
                return gpuTracks[i];
            }
        }
        GpuTrack t = new GpuTrack();
        addGpu(gpu, t);
        return t;
    }

    /** Appends a GPU; the caller makes sure it is not there yet (a restore, or {@link #track}). */
    public void addGpu(int gpu, GpuTrack track) {
        gpuBytes.clear();
        if (gpuCount == gpuIds.length) {
            gpuIds = Arrays.copyOf(gpuIds, gpuCount * 2);
            gpuTracks = Arrays.copyOf(gpuTracks, gpuCount * 2);
        }
        gpuIds[gpuCount] = gpu;
        gpuTracks[gpuCount] = track;
        gpuCount++;
    }

    public int gpuCount() { return gpuCount; }
    public int gpu(int i) { return gpuIds[i]; }
    /** Read-only: {@link #track} is the way to change one. */
    public GpuTrack trackAt(int i) { return gpuTracks[i]; }

    /** The baselines of {@code device} port {@code port} for an update, added empty on first sight. */
    public CounterTracker tracker(String device, int port) {
        portBytes.clear();
        for (int i = 0; i < portCount; i++) {
            if (portNumbers[i] == port && portDevices[i].equals(device)) {
                return portTrackers[i];
            }
        }
        CounterTracker t = new CounterTracker();
        addPort(device, port, t);
        return t;
    }

    /** Appends a port; the caller makes sure it is not there yet (a restore, or {@link #tracker}). */
    public void addPort(String device, int port, CounterTracker tracker) {
        portBytes.clear();
        if (portCount == portNumbers.length) {
            int capacity = portCount * 2;
            portDevices = Arrays.copyOf(portDevices, capacity);
            portNumbers = Arrays.copyOf(portNumbers, capacity);
            portTrackers = Arrays.copyOf(portTrackers, capacity);
        }
        portDevices[portCount] = device;
        portNumbers[portCount] = port;
        portTrackers[portCount] = tracker;
        portCount++;
    }

    public int portCount() { return portCount; }
    public String device(int i) { return portDevices[i]; }
    public int port(int i) { return portNumbers[i]; }
    /** Read-only: {@link #tracker} is the way to change one. */
    public CounterTracker trackerAt(int i) { return portTrackers[i]; }

    /** The GPUs' bytes as last checkpointed; for the serializer. */
    public KeptBytes gpuBytes() { return gpuBytes; }
    /** The ports' bytes as last checkpointed; for the serializer. */
    public KeptBytes portBytes() { return portBytes; }
}
