//! Text files as people hand them over: UTF-8 with or without a byte-order mark, UTF-16 (Excel's
//! "Unicode text"), or GBK/GB18030 (what Chinese Excel writes for "CSV"), with a comma,
//! semicolon, tab or bar between the fields.
//!
//! The encoding is taken from a byte-order mark, else from whether the start of the file is
//! valid UTF-8; GB18030 is the fallback because it is a superset of GBK and GB2312. Decoding
//! never replaces a bad byte: a file that is not the encoding it was read as stops the import
//! with the byte where it went wrong, so no row is imported with mangled characters.

use crate::error::{CoreError, CoreResult};
use encoding_rs::{Decoder, Encoding, GB18030, UTF_16BE, UTF_16LE};
use serde::{Deserialize, Serialize};
use std::io::{BufRead, BufReader, Read};

/// How much of the start of a file decides its encoding and delimiter.
const SAMPLE: usize = 64 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum TextEncoding {
    Utf8,
    Gb18030,
    Utf16le,
    Utf16be,
}

impl TextEncoding {
    /// The names people type: `gbk`, `gb2312`, `gb18030`, `utf-8`, `utf8`, `utf-16le`, ...
    pub fn parse(name: &str) -> CoreResult<Self> {
        let key: String = name.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_lowercase();
        match key.as_str() {
            "utf8" => Ok(Self::Utf8),
            "gbk" | "gb2312" | "gb18030" | "cp936" => Ok(Self::Gb18030),
            "utf16" | "utf16le" | "unicode" => Ok(Self::Utf16le),
            "utf16be" => Ok(Self::Utf16be),
            _ => Err(CoreError::invalid(format!(
                "unknown encoding '{name}' (known: utf-8, gbk, gb18030, utf-16le, utf-16be)"
            ))),
        }
    }

    fn decoder(self) -> Option<&'static Encoding> {
        match self {
            Self::Utf8 => None,
            Self::Gb18030 => Some(GB18030),
            Self::Utf16le => Some(UTF_16LE),
            Self::Utf16be => Some(UTF_16BE),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Utf8 => "UTF-8",
            Self::Gb18030 => "GBK/GB18030",
            Self::Utf16le => "UTF-16LE",
            Self::Utf16be => "UTF-16BE",
        }
    }
}

/// A text source decoded to UTF-8, with what was found out about it.
pub struct DecodedText {
    pub encoding: TextEncoding,
    pub reader: Box<dyn Read + Send>,
}

/// Decodes `source` as `encoding`, or as what its start shows when none is given. A byte-order
/// mark is always taken off.
pub fn decode(mut source: impl Read + Send + 'static, encoding: Option<TextEncoding>) -> CoreResult<DecodedText> {
    let mut start = Vec::with_capacity(SAMPLE);
    (&mut source)
        .take(SAMPLE as u64)
        .read_to_end(&mut start)
        .map_err(|e| CoreError::invalid(format!("the file could not be read: {e}")))?;
    let (found, bom) = match start.as_slice() {
        [0xEF, 0xBB, 0xBF, ..] => (TextEncoding::Utf8, 3),
        [0xFF, 0xFE, ..] => (TextEncoding::Utf16le, 2),
        [0xFE, 0xFF, ..] => (TextEncoding::Utf16be, 2),
        _ => (if looks_utf8(&start) { TextEncoding::Utf8 } else { TextEncoding::Gb18030 }, 0),
    };
    let encoding = encoding.unwrap_or(found);
    // A mark is only taken off when it is the mark of the encoding read.
    let skip = if encoding == found { bom } else { 0 };
    let whole = std::io::Cursor::new(start).chain(source);
    let mut buffered = BufReader::with_capacity(1 << 20, whole);
    if skip > 0 {
        buffered.fill_buf().map_err(|e| CoreError::invalid(format!("the file could not be read: {e}")))?;
        buffered.consume(skip);
    }
    let reader: Box<dyn Read + Send> = match encoding.decoder() {
        None => Box::new(LineFeeds { inner: buffered, held_cr: false }),
        Some(enc) => {
            let decoding = DecodingReader {
                inner: buffered,
                decoder: enc.new_decoder_without_bom_handling(),
                encoding,
                pending: Vec::new(),
                pending_at: 0,
                read_bytes: 0,
                done: false,
            };
            Box::new(LineFeeds { inner: decoding, held_cr: false })
        }
    };
    Ok(DecodedText { encoding, reader })
}

/// Turns CRLF line ends (Windows, Excel) into LF. The CSV reader places a record after a CRLF at
/// the line before it, so without this every rejected row of an Excel CSV was named one line too
/// early; values that hold a CRLF come out with LF, as the app stores them.
struct LineFeeds<R> {
    inner: R,
    /// A CR that ended the last chunk: dropped if the next byte is LF, kept otherwise.
    held_cr: bool,
}

impl<R: Read> Read for LineFeeds<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if out.len() < 2 {
            return self.inner.read(out);
        }
        loop {
            let start = usize::from(self.held_cr);
            if self.held_cr {
                out[0] = b'\r';
                self.held_cr = false;
            }
            let n = self.inner.read(&mut out[start..])?;
            let len = start + n;
            if n == 0 {
                return Ok(len); // the end: a held CR is given as it was
            }
            let mut written = 0;
            for i in 0..len {
                let b = out[i];
                if b == b'\r' {
                    if i + 1 == len {
                        self.held_cr = true;
                        continue;
                    }
                    if out[i + 1] == b'\n' {
                        continue;
                    }
                }
                out[written] = b;
                written += 1;
            }
            if written > 0 {
                return Ok(written);
            }
        }
    }
}

/// Whether a sample is UTF-8 (a character cut off at its end does not count against it).
fn looks_utf8(sample: &[u8]) -> bool {
    match std::str::from_utf8(sample) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && sample.len() >= SAMPLE,
    }
}

/// Reads `inner` as `encoding`, giving UTF-8; a byte that is not of that encoding is an error.
struct DecodingReader<R> {
    inner: R,
    decoder: Decoder,
    encoding: TextEncoding,
    /// Decoded text not yet handed out.
    pending: Vec<u8>,
    pending_at: usize,
    /// Source bytes decoded so far, for the error's position.
    read_bytes: u64,
    done: bool,
}

impl<R: BufRead> Read for DecodingReader<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.pending_at == self.pending.len() {
            if self.done {
                return Ok(0);
            }
            let input = self.inner.fill_buf()?;
            let last = input.is_empty();
            self.pending.clear();
            self.pending_at = 0;
            let room =
                self.decoder.max_utf8_buffer_length_without_replacement(input.len()).unwrap_or(input.len() * 3 + 16);
            self.pending.resize(room.max(16), 0);
            let (result, read, written) =
                self.decoder.decode_to_utf8_without_replacement(input, &mut self.pending, last);
            self.pending.truncate(written);
            if let encoding_rs::DecoderResult::Malformed(bad, _) = result {
                let at = self.read_bytes + read as u64 - u64::from(bad);
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("byte {at} is not {} text; choose the file's encoding", self.encoding.label()),
                ));
            }
            self.inner.consume(read);
            self.read_bytes += read as u64;
            self.done = last;
        }
        let n = out.len().min(self.pending.len() - self.pending_at);
        out[..n].copy_from_slice(&self.pending[self.pending_at..self.pending_at + n]);
        self.pending_at += n;
        Ok(n)
    }
}

/// The field delimiter a CSV sample uses: of comma, semicolon, tab and bar, the one that splits
/// the most lines into the same number (above one) of fields as the first; comma when none does.
pub fn sniff_delimiter(sample: &str) -> u8 {
    let mut best = (b',', 0usize, 0usize);
    for d in [b',', b';', b'\t', b'|'] {
        let mut reader =
            csv::ReaderBuilder::new().delimiter(d).has_headers(false).flexible(true).from_reader(sample.as_bytes());
        let mut widths = reader.records().take(50).filter_map(Result::ok).map(|r| r.len()).collect::<Vec<_>>();
        if widths.len() > 1 && sample.len() >= SAMPLE {
            widths.pop(); // the last line of a cut sample is likely cut too
        }
        let Some(&first) = widths.first() else { continue };
        if first < 2 {
            continue;
        }
        let agreeing = widths.iter().filter(|w| **w == first).count();
        if (agreeing, first) > (best.1, best.2) {
            best = (d, agreeing, first);
        }
    }
    best.0
}

/// A decoded CSV text with its delimiter: the given one, or the one its start shows.
pub fn with_delimiter(mut text: Box<dyn Read + Send>, delimiter: Option<u8>) -> CoreResult<(u8, Box<dyn Read + Send>)> {
    let mut sample = Vec::with_capacity(SAMPLE);
    (&mut text)
        .take(SAMPLE as u64)
        .read_to_end(&mut sample)
        .map_err(|e| CoreError::invalid(format!("the file could not be read: {e}")))?;
    // Lossy only for looking: the rows are read from the bytes themselves.
    let delimiter = delimiter.unwrap_or_else(|| sniff_delimiter(&String::from_utf8_lossy(&sample)));
    Ok((delimiter, Box::new(std::io::Cursor::new(sample).chain(text))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(chunks: &[&[u8]]) -> Vec<u8> {
        struct Chunks(Vec<Vec<u8>>);
        impl Read for Chunks {
            fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
                if self.0.is_empty() {
                    return Ok(0);
                }
                let c = self.0.remove(0);
                out[..c.len()].copy_from_slice(&c);
                Ok(c.len())
            }
        }
        let mut r = LineFeeds { inner: Chunks(chunks.iter().map(|c| c.to_vec()).collect()), held_cr: false };
        let mut got = Vec::new();
        r.read_to_end(&mut got).unwrap();
        got
    }

    #[test]
    fn crlf_becomes_lf_even_across_reads_and_a_lone_cr_stays() {
        assert_eq!(through(&[b"a\r\nb\r\n"]), b"a\nb\n");
        assert_eq!(through(&[b"a\r", b"\nb\r", b"x\r"]), b"a\nb\rx\r");
        assert_eq!(through(&[b"\r", b"\r", b"\n"]), b"\r\n");
    }

    #[test]
    fn decoded_text_has_lf_line_ends() {
        let (gbk, _, _) = encoding_rs::GBK.encode("名,邮\r\n王五,a\r\n");
        let mut text = String::new();
        decode(std::io::Cursor::new(gbk.into_owned()), None).unwrap().reader.read_to_string(&mut text).unwrap();
        assert_eq!(text, "名,邮\n王五,a\n");
    }

    #[test]
    fn delimiters_are_found_from_the_lines_that_agree() {
        assert_eq!(sniff_delimiter("a;b;c\n1;2;3\n"), b';');
        assert_eq!(sniff_delimiter("a\tb\n1\t2, 3\n"), b'\t');
        assert_eq!(sniff_delimiter("name\n张三\n"), b',');
        assert_eq!(sniff_delimiter("a,b;c\n1,2;3\n4,5;6\n"), b',', "ties go to the comma");
    }
}
