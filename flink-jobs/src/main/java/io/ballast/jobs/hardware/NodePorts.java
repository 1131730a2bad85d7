package io.ballast.jobs.hardware;

import io.ballast.jobs.state.CheckpointedValue;
import io.ballast.rules.hardware.CounterTracker;

import java.util.Arrays;

/**
 * A node's NIC counter baselines, one per port, and when the node last reported. One state value per node: a
 * checkpoint writes a node's ports in one pass, where a map state walked a hash map of eight entries per node.
 */
public final class NodePorts extends CheckpointedValue {
    private String[] devices = new String[8];
    private int[] ports = new int[8];
    private CounterTracker[] trackers = new CounterTracker[8];
    private int size;
    private long lastSeen = Long.MIN_VALUE;

    /** The baselines of {@code device} port {@code port} for an update, added empty on first sight. */
    public CounterTracker tracker(String device, int port) {
        changed();
        for (int i = 0; i < size; i++) {
            if (ports[i] == port && devices[i].equals(device)) {
                return trackers[i];
            }
        }
        CounterTracker t = new CounterTracker();
        add(device, port, t);
        return t;
    }

    /** Appends a port; the caller makes sure it is not there yet (a restore, or {@link #tracker}). */
    public void add(String device, int port, CounterTracker tracker) {
        changed();
        if (size == ports.length) {
            int capacity = size * 2;
            devices = Arrays.copyOf(devices, capacity);
            ports = Arrays.copyOf(ports, capacity);
            trackers = Arrays.copyOf(trackers, capacity);
        }
        devices[size] = device;
        ports[size] = port;
        trackers[size] = tracker;
        size++;
    }

    /** Event time of the node's newest sample; {@link Long#MIN_VALUE} before the first. */
    public long lastSeen() { return lastSeen; }

    public void seen(long ts) {
        changed();
        lastSeen = ts;
    }

    public int size() { return size; }
    public String device(int i) { return devices[i]; }
    public int port(int i) { return ports[i]; }
    /** Read-only: {@link #tracker} is the way to change one. */
    public CounterTracker trackerAt(int i) { return trackers[i]; }
}
