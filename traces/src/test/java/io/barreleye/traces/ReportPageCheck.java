package io.barreleye.traces;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.htmlunit.WebClient;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlImage;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTable;

/**
 * Opens a report page the way a reader's browser would (HtmlUnit) and lists what is wrong with
 * it: an image that does not load or does not decode, a table with no data rows, a link whose
 * target (a file beside the page, or an anchor in it) does not exist.
 */
final class ReportPageCheck {
    /** What a check saw: the problems, and how many images, tables and links it looked at. */
    record Outcome(List<String> problems, int images, int tables, int links) {}

    private ReportPageCheck() {}

    static Outcome check(Path index) throws IOException {
        List<String> problems = new ArrayList<>();
        try (WebClient web = new WebClient()) {
            web.getOptions().setJavaScriptEnabled(false);
            web.getOptions().setCssEnabled(false);
            web.getOptions().setThrowExceptionOnFailingStatusCode(false);
            HtmlPage page = web.getPage(index.toUri().toURL());
            List<HtmlImage> images = page.getByXPath("//img");
            for (HtmlImage img : images) {
                String src = img.getSrcAttribute();
                try {
                    WebResponse r = img.getWebResponse(true);
                    if (r == null || r.getStatusCode() != 200) {
                        problems.add("image " + src + " does not load" + (r == null ? "" : " (status " + r.getStatusCode() + ")"));
                        continue;
                    }
                    try (InputStream in = r.getContentAsStream()) {
                        if (ImageIO.read(in) == null) problems.add("image " + src + " is not a readable image");
                    }
                } catch (IOException e) {
                    problems.add("image " + src + " does not load: " + e.getMessage());
                }
            }
            List<HtmlTable> tables = page.getByXPath("//table");
            for (HtmlTable t : tables) {
                if (t.getRowCount() < 2) {
                    problems.add("table starting '" + t.asNormalizedText().lines().findFirst().orElse("") + "' has no data rows");
                }
            }
            List<HtmlAnchor> links = page.getAnchors();
            for (HtmlAnchor a : links) {
                String href = a.getHrefAttribute();
                if (href.startsWith("#")) {
                    if (page.getElementById(href.substring(1)) == null) problems.add("broken link " + href + ": no such anchor");
                    continue;
                }
                URL url = page.getFullyQualifiedUrl(href);
                if (!url.getProtocol().equals("file")) {
                    problems.add("link " + href + " leaves the report (the page must work offline)");
                    continue;
                }
                try {
                    if (!Files.exists(Path.of(url.toURI()))) problems.add("broken link " + href + ": " + url + " does not exist");
                } catch (URISyntaxException e) {
                    problems.add("broken link " + href + ": " + e.getMessage());
                }
            }
            return new Outcome(problems, images.size(), tables.size(), links.size());
        }
    }
}
