package io.ballast.collectors.gpu;

import java.util.Locale;
import java.util.Optional;

/**
 * Canonical form of a PCI bus id, so that nvidia-smi's {@code 00000000:3B:00.0} and the kernel log's
 * {@code 0000:3b:00} name the same GPU: {@code dddd:bb:dd.f}, lower case, 4-digit domain.
 */
public final class PciBusIds {
    private PciBusIds() {}

    /** The canonical form, or empty when {@code raw} is not a PCI bus id. */
    public static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String id = raw.trim().toLowerCase(Locale.ROOT);
        if (id.startsWith("pci:")) {
            id = id.substring(4);
        }
        String[] parts = id.split(":");
        if (parts.length < 2 || parts.length > 3) {
            return Optional.empty();
        }
        try {
            // Without a domain the bus belongs to domain 0; Xid lines omit the function, which is 0 for a GPU.
            long domain = parts.length == 3 ? Long.parseLong(parts[0], 16) : 0;
            int bus = Integer.parseInt(parts[parts.length - 2], 16);
            String devfn = parts[parts.length - 1];
            int dot = devfn.indexOf('.');
            int device = Integer.parseInt(dot < 0 ? devfn : devfn.substring(0, dot), 16);
            int function = dot < 0 ? 0 : Integer.parseInt(devfn.substring(dot + 1), 16);
            if (domain > 0xffff || bus > 0xff || device > 0x1f || function > 7) {
                return Optional.empty();
            }
            return Optional.of(String.format("%04x:%02x:%02x.%x", domain, bus, device, function));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
