package io.ballast.collectors.gpu;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Parses {@code nvidia-smi -q -x} into one {@link GpuHealth} per GPU (ECC, retired pages, remapped rows, PCIe
 * replays, clocks-event reasons, NVLink errors). The DTD nvidia-smi names is never loaded and external entities
 * are off: the document is read as plain data.
 */
public final class NvidiaSmiXmlParser {
    /** The command that prints the report. */
    public static final List<String> COMMAND = List.of("nvidia-smi", "-q", "-x");

    /** NVML clocks-event reason bits by the name suffix nvidia-smi uses in its XML. */
    private static final Map<String, Long> REASON_BITS = Map.of(
            "gpu_idle", 0x1L,
            "applications_clocks_setting", 0x2L,
            "sw_power_cap", 0x4L,
            "hw_slowdown", 0x8L,
            "sync_boost", 0x10L,
            "sw_thermal_slowdown", 0x20L,
            "hw_thermal_slowdown", 0x40L,
            "hw_power_brake_slowdown", 0x80L,
            "display_clocks_setting", 0x100L);

    private NvidiaSmiXmlParser() {}

    /** Health of every GPU in document order, which is nvidia-smi's GPU index order. */
    public static List<GpuHealth> parse(String xml) {
        Element root = document(xml).getDocumentElement();
        if (!"nvidia_smi_log".equals(root.getTagName())) {
            throw new IllegalArgumentException("not an nvidia-smi -q -x report: root element <" + root.getTagName() + ">");
        }
        List<GpuHealth> gpus = new ArrayList<>();
        for (Element gpu : children(root, "gpu")) {
            gpus.add(health(gpus.size(), gpu));
        }
        return gpus;
    }

    /** PCI bus id -> GPU index for the GPUs in the report. */
    public static GpuBusMap busMap(List<GpuHealth> gpus) {
        Map<String, Integer> map = new HashMap<>();
        for (GpuHealth gpu : gpus) {
            if (gpu.pciBusId() != null) {
                map.put(gpu.pciBusId(), gpu.index());
            }
        }
        return new GpuBusMap(map);
    }

    private static GpuHealth health(int index, Element gpu) {
        String busId = gpu.getAttribute("id");
        if (busId.isEmpty()) {
            busId = text(gpu, "pci", "pci_bus_id");
        }
        Element ecc = child(gpu, "ecc_errors");
        Element retired = child(gpu, "retired_pages");
        Element remapped = child(gpu, "remapped_rows");
        Element nvlink = nvlinkSection(gpu);
        return new GpuHealth(
                index,
                NvidiaSmiValues.text(busId),
                NvidiaSmiValues.text(text(gpu, "uuid")),
                eccTotal(child(ecc, "volatile"), false),
                eccTotal(child(ecc, "volatile"), true),
                eccTotal(child(ecc, "aggregate"), false),
                eccTotal(child(ecc, "aggregate"), true),
                NvidiaSmiValues.count(text(retired, "multiple_single_bit_retirement", "retired_count")),
                NvidiaSmiValues.count(text(retired, "double_bit_retirement", "retired_count")),
                NvidiaSmiValues.flag(firstPresent(text(retired, "pending_retirement"), text(retired, "pending_blacklist"))),
                NvidiaSmiValues.count(text(remapped, "remapped_row_corr")),
                NvidiaSmiValues.count(text(remapped, "remapped_row_unc")),
                NvidiaSmiValues.flag(text(remapped, "remapped_row_pending")),
                NvidiaSmiValues.flag(text(remapped, "remapped_row_failure")),
                NvidiaSmiValues.count(text(gpu, "pci", "replay_counter")),
                throttleReasons(gpu),
                sumWhere(nvlink, name -> name.contains("crc")),
                sumWhere(nvlink, name -> name.contains("replay")),
                sumWhere(nvlink, name -> name.contains("recovery")));
    }

    /**
     * Corrected or uncorrected ECC total of a {@code volatile}/{@code aggregate} block: older drivers give
     * {@code single_bit/total} and {@code double_bit/total}; Hopper drivers split SRAM and DRAM counts.
     */
    private static Long eccTotal(Element block, boolean uncorrected) {
        if (block == null) {
            return null;
        }
        Element legacy = child(block, uncorrected ? "double_bit" : "single_bit");
        if (legacy != null) {
            return NvidiaSmiValues.count(text(legacy, "total"));
        }
        return sumWhere(block, name -> uncorrected ? name.contains("uncorrectable") : name.contains("correctable") && !name.contains("uncorrectable"));
    }

    private static Long throttleReasons(Element gpu) {
        Element reasons = firstPresent(child(gpu, "clocks_event_reasons"), child(gpu, "clocks_throttle_reasons"));
        if (reasons == null) {
            return null;
        }
        long mask = 0;
        boolean known = false;
        for (Element reason : children(reasons, null)) {
            String name = reason.getTagName().replaceFirst("^clocks_(event|throttle)_reason_", "");
            Long bit = REASON_BITS.get(name);
            Boolean active = NvidiaSmiValues.isMissing(reason.getTextContent()) ? null : NvidiaSmiValues.flag(reason.getTextContent());
            if (bit != null && active != null) {
                known = true;
                mask |= active ? bit : 0;
            }
        }
        return known ? mask : null;
    }

    /** NVLink counters appear only on NVLink GPUs and under driver-dependent names: find the section by name. */
    private static Element nvlinkSection(Element gpu) {
        for (Element child : children(gpu, null)) {
            if (child.getTagName().toLowerCase(Locale.ROOT).contains("nvlink")) {
                return child;
            }
        }
        return null;
    }

    /** Sum of the numeric leaves under {@code block} whose name matches; null when none has a value. */
    private static Long sumWhere(Element block, Predicate<String> name) {
        if (block == null) {
            return null;
        }
        Long sum = null;
        for (Element leaf : leaves(block)) {
            if (name.test(leaf.getTagName().toLowerCase(Locale.ROOT)) && !NvidiaSmiValues.isMissing(leaf.getTextContent())) {
                try {
                    long value = NvidiaSmiValues.count(leaf.getTextContent());
                    sum = sum == null ? value : sum + value;
                } catch (IllegalArgumentException notACount) {
                    // yes/no flags share the naming; they are not counters
                }
            }
        }
        return sum;
    }

    private static List<Element> leaves(Element block) {
        List<Element> leaves = new ArrayList<>();
        for (Element child : children(block, null)) {
            if (children(child, null).isEmpty()) {
                leaves.add(child);
            } else {
                leaves.addAll(leaves(child));
            }
        }
        return leaves;
    }

    private static String text(Element from, String... path) {
        Element at = from;
        for (String name : path) {
            at = child(at, name);
        }
        return at == null ? null : at.getTextContent();
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        List<Element> matches = children(parent, name);
        return matches.isEmpty() ? null : matches.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> result = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (name == null || name.equals(e.getTagName()))) {
                result.add(e);
            }
        }
        return result;
    }

    private static <T> T firstPresent(T first, T second) {
        return first != null ? first : second;
    }

    private static Document document(String xml) {
        try {
            return safeBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException("unreadable nvidia-smi XML: " + e.getMessage(), e);
        }
    }

    private static DocumentBuilder safeBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // The report names a DTD (nvsmi_device_v13.dtd) that is not on disk: never fetch it, never expand entities.
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setValidating(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a required safety feature", e);
        }
    }
}
