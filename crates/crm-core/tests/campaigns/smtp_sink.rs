//! A real SMTP server on a loopback port for the length of a test: it speaks enough SMTP for a
//! client (greeting, EHLO, MAIL, RCPT, DATA, RSET, QUIT), refuses recipients whose address
//! contains "reject" with 550, and keeps every message it accepted.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

#[derive(Debug, Clone)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    pub data: String,
}

pub struct SmtpSink {
    pub port: u16,
    pub received: Arc<Mutex<Vec<Received>>>,
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind a loopback port");
        let port = listener.local_addr().unwrap().port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let store = received.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(session(socket, store.clone()));
            }
        });
        SmtpSink { port, received }
    }

    pub fn messages(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

async fn session(socket: tokio::net::TcpStream, store: Arc<Mutex<Vec<Received>>>) {
    let (read, mut write) = socket.into_split();
    let mut lines = BufReader::new(read).lines();
    let _ = write.write_all(b"220 sink ESMTP ready\r\n").await;
    let (mut from, mut to) = (String::new(), Vec::new());
    while let Ok(Some(line)) = lines.next_line().await {
        let upper = line.to_ascii_uppercase();
        let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            b"250-sink\r\n250 8BITMIME\r\n"
        } else if upper.starts_with("MAIL FROM:") {
            from = line[10..].trim().to_string();
            to.clear();
            b"250 2.1.0 ok\r\n"
        } else if upper.starts_with("RCPT TO:") {
            let address = line[8..].trim().to_string();
            if address.contains("reject") {
                b"550 5.1.1 no such mailbox\r\n"
            } else {
                to.push(address);
                b"250 2.1.5 ok\r\n"
            }
        } else if upper == "DATA" {
            let _ = write.write_all(b"354 end with <CRLF>.<CRLF>\r\n").await;
            let mut data = String::new();
            while let Ok(Some(l)) = lines.next_line().await {
                if l == "." {
                    break;
                }
                data.push_str(l.strip_prefix('.').unwrap_or(&l));
                data.push_str("\r\n");
            }
            store.lock().unwrap().push(Received { from: from.clone(), to: to.clone(), data });
            b"250 2.0.0 queued\r\n"
        } else if upper == "QUIT" {
            let _ = write.write_all(b"221 2.0.0 bye\r\n").await;
            return;
        } else {
            b"250 2.0.0 ok\r\n"
        };
        if write.write_all(reply).await.is_err() {
            return;
        }
    }
}

/// The text of a message's body (base64, quoted-printable or plain, as the sender chose).
pub fn body_text(data: &str) -> String {
    let (head, body) = data.split_once("\r\n\r\n").unwrap_or((data, ""));
    let encoding = head.to_ascii_lowercase();
    if encoding.contains("content-transfer-encoding: base64") {
        use base64::Engine;
        let joined: String = body.split_whitespace().collect();
        String::from_utf8(base64::engine::general_purpose::STANDARD.decode(joined).unwrap()).unwrap()
    } else if encoding.contains("content-transfer-encoding: quoted-printable") {
        quoted_printable(body)
    } else {
        body.trim_end().to_string()
    }
}

fn quoted_printable(s: &str) -> String {
    let s = s.replace("=\r\n", "");
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'='
            && i + 3 <= bytes.len()
            && let Ok(b) = u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"), 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap().trim_end().to_string()
}

/// The Subject header, with its RFC 2047 encoded words decoded.
pub fn subject(data: &str) -> String {
    let head = data.split_once("\r\n\r\n").map_or(data, |(h, _)| h);
    let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
    let line = unfolded.lines().find(|l| l.to_ascii_lowercase().starts_with("subject:")).unwrap_or("");
    let value = line[8..].trim();
    value
        .split(' ')
        .map(|word| {
            let lower = word.to_ascii_lowercase();
            if lower.starts_with("=?utf-8?b?") && word.ends_with("?=") {
                use base64::Engine;
                let inner = &word[10..word.len() - 2];
                String::from_utf8(base64::engine::general_purpose::STANDARD.decode(inner).unwrap()).unwrap()
            } else {
                word.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("")
}

/// A header's value.
pub fn header(data: &str, name: &str) -> Option<String> {
    let head = data.split_once("\r\n\r\n").map_or(data, |(h, _)| h);
    let prefix = format!("{}:", name.to_ascii_lowercase());
    head.lines().find(|l| l.to_ascii_lowercase().starts_with(&prefix)).map(|l| l[prefix.len()..].trim().to_string())
}
