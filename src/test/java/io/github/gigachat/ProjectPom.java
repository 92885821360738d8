package io.github.gigachat;

import java.io.IOException;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** The project's own {@code pom.xml}, read with the JDK's parser, for tests that hold code and docs to it. */
public final class ProjectPom {
    private final Element project;

    private ProjectPom(Element project) {
        this.project = project;
    }

    /** Reads {@code pom.xml} of the directory the tests run in (Surefire's working directory: the project's). */
    public static ProjectPom read() throws IOException {
        return new ProjectPom(parse(Path.of("pom.xml")).getDocumentElement());
    }

    /** Parses an XML file with external entities and DTDs refused. */
    public static Document parse(Path file) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(file.toFile());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("cannot parse " + file + ": " + e.getMessage(), e);
        }
    }

    /** The text of the project's direct child element {@code name}, e.g. {@code url}; fails when there is none. */
    public String text(String name) {
        for (Node child = project.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && element.getTagName().equals(name)) {
                return element.getTextContent().strip();
            }
        }
        throw new IllegalArgumentException("pom.xml has no <" + name + ">");
    }
}
