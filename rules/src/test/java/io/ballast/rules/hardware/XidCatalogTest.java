package io.ballast.rules.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class XidCatalogTest {
    private static final XidCatalog CATALOG = XidCatalog.builtIn();

    @Test
    void exposesItsVersion() {
        assertThat(CATALOG.version()).isEqualTo("2025-10-29+ballast.1");
        assertThat(CATALOG.size()).isGreaterThan(50);
    }

    @ParameterizedTest
    @CsvSource({"13,APP", "31,APP", "69,APP", "137,APP", "43,SYMPATHETIC", "45,SYMPATHETIC", "94,SYMPATHETIC",
        "38,INFO", "63,INFO", "92,INFO", "46,RESET_GPU", "62,RESET_GPU", "95,RESET_GPU", "109,RESET_GPU",
        "119,RESET_GPU", "120,RESET_GPU", "136,RESET_GPU", "140,RESET_GPU", "143,RESET_GPU", "155,RESET_GPU",
        "158,RESET_GPU", "79,RESTART_BM", "54,RMA", "64,RMA", "157,RMA", "48,ECC_DBE", "74,NVLINK"})
    void classifiesTheDomainTable(int xid, XidClass expected) {
        assertThat(CATALOG.lookup(xid).xidClass()).isEqualTo(expected);
    }

    @Test
    void namesTheDrainReasonOfXid79() {
        assertThat(CATALOG.lookup(79).action()).isEqualTo("gpu_fallen_off_bus");
    }

    @Test
    void unlistedXidIsUnknownNotIgnored() {
        XidCatalog.Entry e = CATALOG.lookup(167);
        assertThat(e.xidClass()).isEqualTo(XidClass.UNKNOWN);
        assertThat(e.action()).isEqualTo("xid_unverified");
    }

    @Test
    void keepsCommasInTheNoteColumn() throws Exception {
        XidCatalog c = XidCatalog.parse(new StringReader("# version: 1.0\nxid,mnemonic,class,action,note\n"
                + "7,X,APP,xid_application,a, b, c\n"), "t.csv");
        assertThat(c.lookup(7).note()).isEqualTo("a, b, c");
    }

    @Test
    void rejectsACatalogWithoutAVersionLine() {
        assertThatThrownBy(() -> XidCatalog.parse(new StringReader("xid,mnemonic,class,action,note\n"), "t.csv"))
                .hasMessageContaining("t.csv line 1").hasMessageContaining("version");
    }

    @Test
    void rejectsAnUnknownClassNamingTheLine() {
        assertThatThrownBy(() -> XidCatalog.parse(new StringReader(
                "# version: 1\nxid,mnemonic,class,action,note\n7,X,BOGUS,a,n\n"), "t.csv"))
                .hasMessageContaining("t.csv line 3").hasMessageContaining("BOGUS");
    }

    @Test
    void rejectsDuplicateXids() {
        assertThatThrownBy(() -> XidCatalog.parse(new StringReader(
                "# version: 1\nxid,mnemonic,class,action,note\n7,X,APP,a,n\n7,Y,APP,a,n\n"), "t.csv"))
                .hasMessageContaining("duplicate Xid 7");
    }
}
