package io.github.fakesmtp;

import static io.github.fakesmtp.RawMail.crlf;
import static io.github.fakesmtp.RawMail.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakesmtp.internal.report.SavedMail;
import io.github.fakesmtp.internal.report.ServerReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SavedMail}: the exact bytes as .eml, the HTML body with its cid: images inlined as .html. */
class SavedMailTest extends ServerPerTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Test
    void writesTheExactBytesAndAnHtmlPageWithInlinedImages(@TempDir Path folder) throws Exception {
        ReceivedMessage plain = RawMail.data(server, "", crlf(text("no HTML here")));
        ReceivedMessage rich = RawMail.data(server, "", crlf(withInlineImage()));

        List<Path> written = SavedMail.write(server.messages(), folder.resolve("a/b"));

        Path dir = folder.resolve("a/b").toAbsolutePath();
        assertThat(written).containsExactly(dir.resolve("1.eml"), dir.resolve("2.eml"), dir.resolve("2.html"));
        assertThat(Files.readAllBytes(dir.resolve("1.eml"))).isEqualTo(plain.rawBytes());
        assertThat(Files.readAllBytes(dir.resolve("2.eml"))).isEqualTo(rich.rawBytes());
        String page = Files.readString(dir.resolve("2.html"), StandardCharsets.UTF_8);
        assertThat(page)
                .contains("<meta charset=\"UTF-8\">")
                .contains("<img alt=\"Logo\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(PNG) + "\">")
                .contains("<img alt=\"Missing\" src=\"cid:nowhere@example.com\">")
                .contains("<p>Grüße, <b>Zoë</b></p>")
                .doesNotContain("cid:logo");
    }

    @Test
    void aSecondRunReplacesWhatTheFirstLeft(@TempDir Path folder) throws Exception {
        RawMail.data(server, "", crlf(withInlineImage()));
        RawMail.data(server, "", crlf(text("two")));
        SavedMail.write(server.messages(), folder);
        Files.writeString(folder.resolve("notes.txt"), "mine");

        server.clear();
        RawMail.data(server, "", crlf(text("one")));
        List<Path> written = SavedMail.write(server.messages(), folder);

        assertThat(written).hasSize(1);
        try (var files = Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("3.eml", "notes.txt");
        }
    }

    @Test
    void theReportListsTheSavedFilesAfterTheMessages(@TempDir Path folder) throws Exception {
        RawMail.data(server, "", crlf(withInlineImage()));
        List<Path> written = SavedMail.write(server.messages(), folder);

        String report = ServerReport.describe(server, written);

        assertThat(report).contains("received 1 message:\n  #1 from=<app@example.com>")
                .contains("\nsaved to 2 files (.eml: the exact bytes, for a mail client; .html: the HTML body, for a browser):\n  "
                        + folder.toAbsolutePath().resolve("1.eml") + "\n  " + folder.toAbsolutePath().resolve("1.html") + "\n");
        assertThat(FakeSmtpServerReport.of(server, written).getMessage()).isEqualTo(report);
        assertThat(FakeSmtpServerReport.of(server).getMessage()).doesNotContain("saved to");
    }

    private static String withInlineImage() {
        return RawMail.related("""
                Content-Transfer-Encoding: quoted-printable

                <html><body><p>Gr=C3=BC=C3=9Fe, <b>Zo=C3=AB</b></p><img alt=3D"Logo" src=3D"cid:logo%40example.com">
                <img alt=3D"Missing" src=3D"cid:nowhere@example.com"></body></html>""", "<logo@example.com>",
                Base64.getEncoder().encodeToString(PNG));
    }
}
