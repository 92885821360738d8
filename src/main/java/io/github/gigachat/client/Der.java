package io.github.gigachat.client;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Just enough DER to unwrap and rewrap private keys: the JDK reads PKCS#8 only and has no public ASN.1 parser. */
final class Der {
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OBJECT_IDENTIFIER = 0x06;
    static final int SEQUENCE = 0x30;
    static final int CONTEXT_0 = 0xA0;

    /** One TLV; {@code content} is the value's bytes, {@code encoded} the whole TLV. */
    record Value(int tag, byte[] content, byte[] encoded) {
        /** The elements of a SEQUENCE (or of a constructed context-specific value). */
        List<Value> elements() {
            if ((tag & 0x20) == 0) {
                throw new IllegalArgumentException("not a constructed DER value");
            }
            List<Value> elements = new ArrayList<>();
            int offset = 0;
            while (offset < content.length) {
                Value element = readAt(content, offset);
                elements.add(element);
                offset += element.encoded.length;
            }
            return elements;
        }

        Value expect(int expectedTag) {
            if (tag != expectedTag) {
                throw new IllegalArgumentException("unexpected DER tag");
            }
            return this;
        }

        BigInteger integer() {
            return new BigInteger(expect(INTEGER).content);
        }

        /** The dotted form of an OBJECT IDENTIFIER. */
        String oid() {
            expect(OBJECT_IDENTIFIER);
            if (content.length == 0) {
                throw new IllegalArgumentException("empty OID");
            }
            StringBuilder dotted = new StringBuilder();
            long component = 0;
            boolean first = true;
            for (byte b : content) {
                component = (component << 7) | (b & 0x7F);
                if ((b & 0x80) == 0) {
                    if (first) {
                        int arc = (int) Math.min(component / 40, 2);
                        dotted.append(arc).append('.').append(component - 40L * arc);
                        first = false;
                    } else {
                        dotted.append('.').append(component);
                    }
                    component = 0;
                }
            }
            return dotted.toString();
        }
    }

    private Der() {}

    /** Parses one DER value that spans all of {@code der}. */
    static Value read(byte[] der) {
        Value value = readAt(der, 0);
        if (value.encoded.length != der.length) {
            throw new IllegalArgumentException("trailing bytes after DER value");
        }
        return value;
    }

    private static Value readAt(byte[] der, int start) {
        if (start + 2 > der.length) {
            throw new IllegalArgumentException("truncated DER value");
        }
        int tag = der[start] & 0xFF;
        if ((tag & 0x1F) == 0x1F) {
            throw new IllegalArgumentException("multi-byte DER tags are not supported");
        }
        int offset = start + 1;
        int first = der[offset++] & 0xFF;
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            int count = first & 0x7F;
            if (count == 0 || count > 4 || offset + count > der.length) {
                throw new IllegalArgumentException("unsupported DER length");
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (der[offset++] & 0xFF);
            }
        }
        if (length > der.length - offset) {
            throw new IllegalArgumentException("truncated DER value");
        }
        int end = offset + (int) length;
        return new Value(tag, Arrays.copyOfRange(der, offset, end), Arrays.copyOfRange(der, start, end));
    }

    /** Encodes a TLV whose content is the concatenation of {@code parts}. */
    static byte[] encode(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        int length = content.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }

    static byte[] integer(int value) {
        return encode(INTEGER, BigInteger.valueOf(value).toByteArray());
    }

    /** The encoded OBJECT IDENTIFIER for a dotted OID. */
    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        writeBase128(content, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            writeBase128(content, Long.parseLong(arcs[i]));
        }
        return encode(OBJECT_IDENTIFIER, content.toByteArray());
    }

    private static void writeBase128(ByteArrayOutputStream out, long value) {
        int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 6) / 7);
        for (int i = groups - 1; i >= 0; i--) {
            int group = (int) ((value >>> (7 * i)) & 0x7F);
            out.write(i == 0 ? group : group | 0x80);
        }
    }
}
