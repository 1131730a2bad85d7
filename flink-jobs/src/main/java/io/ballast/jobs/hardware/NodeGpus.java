package io.ballast.jobs.hardware;

import io.ballast.jobs.state.CheckpointedValue;

import java.util.Arrays;

/**
 * A node's presence (last seen, which part of its key is the cluster) and its per-GPU counter baselines and rate clocks, in
 * one state value: every node that reports has one, so a healthy node costs a checkpoint this and nothing else.
 */
public final class NodeGpus extends CheckpointedValue {
    private long lastSeen = Long.MIN_VALUE;
    private final int clusterLength;
    private int[] ids = new int[8];
    private GpuTrack[] tracks = new GpuTrack[8];
    private int size;

    /** @param clusterLength the length of the cluster's name at the front of the node's key ({@link NodeKey}) */
    public NodeGpus(int clusterLength) {
        this.clusterLength = clusterLength;
    }

    /** The track of GPU {@code gpu} for an update, added fresh on first sight. */
    public GpuTrack track(int gpu) {
        changed();
        for (int i = 0; i < size; i++) {
            if (ids[i] == gpu) {
                return tracks[i];
            }
        }
        GpuTrack t = new GpuTrack();
        add(gpu, t);
        return t;
    }

    /** Appends a GPU; the caller makes sure it is not there yet (a restore, or {@link #track}). */
    public void add(int gpu, GpuTrack track) {
        changed();
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
            tracks = Arrays.copyOf(tracks, size * 2);
        }
        ids[size] = gpu;
        tracks[size] = track;
        size++;
    }

    /** Newest event time of any record of the node; its hardware state expires a day after it. */
    public long lastSeen() { return lastSeen; }

    public void seen(long ts) {
        changed();
        lastSeen = ts;
    }

    public int clusterLength() { return clusterLength; }

    public int size() { return size; }
    public int gpu(int i) { return ids[i]; }
    /** Read-only: {@link #track} is the way to change one. */
    public GpuTrack trackAt(int i) { return tracks[i]; }
}
