//! rust-hello: a Spin 1.x HTTP guest with the cost profile of a Rust SDK build.
//!
//! Implements the flavour-A ABI (wit-bindgen 0.2 names, as the Rust SDK <= 1.3
//! generates them) by hand, without crates:
//!   canonical_abi_realloc(old_ptr, old_len, align, new_len) -> ptr
//!   canonical_abi_free(ptr, len, align)
//!   handle-http-request(method, uri ptr/len, headers ptr/len, params ptr/len,
//!                       body tag, body ptr/len) -> pointer to a 28-byte return area
//! (see SPEC.md 1.2-1.4). Like the generated bindings it takes ownership of every
//! argument the host allocated (and frees it), lifts the request into owned Rust
//! values, runs the handler, lowers the response into freshly allocated lists
//! the host frees with canonical_abi_free.
//!
//! Answers every request with 200, `content-type: text/plain`, `Hello from Rust\n`.
//!
//! Why it is big: a real Rust SDK guest is ~2 MB with ~500 functions and 17
//! pages of initial memory; per instance the host must allocate those pages and
//! copy the data segments. This guest uses std (formatting, String, Vec, the
//! allocator) for code, and carries 1 MiB of read-only lookup tables (filled at
//! compile time by a xorshift generator, so the bytes are non-zero and end up in
//! an active data segment that is copied into every fresh instance). The handler
//! reads the tables at a request-dependent index, so the linker keeps them.
//! The stack is 64 KiB (-zstack-size) so that the initial memory stays close to
//! a Rust SDK build's 17 pages (16 pages of tables + stack + statics).

use std::alloc::{self, Layout};
use std::fmt::Write as _;

// ---------------------------------------------------------------- data tables

const TABLE_WORDS: usize = 16 * 1024; // 64 KiB per table
const TABLE_COUNT: usize = 16; // 16 tables = 1 MiB

const fn xorshift_table(seed: u32) -> [u32; TABLE_WORDS] {
    let mut t = [0u32; TABLE_WORDS];
    let mut x = seed;
    let mut i = 0;
    while i < TABLE_WORDS {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        t[i] = x;
        i += 1;
    }
    t
}

macro_rules! tables {
    ($($name:ident = $seed:expr;)*) => {
        $(static $name: [u32; TABLE_WORDS] = xorshift_table($seed);)*
        static TABLES: [&[u32; TABLE_WORDS]; TABLE_COUNT] = [$(&$name),*];
    };
}

tables! {
    T00 = 0x9e37_79b9; T01 = 0x85eb_ca6b; T02 = 0xc2b2_ae35; T03 = 0x27d4_eb2f;
    T04 = 0x1656_67b1; T05 = 0xd3a2_646c; T06 = 0xfd70_46c5; T07 = 0xb55a_4f09;
    T08 = 0x7fb5_d329; T09 = 0x2545_f491; T10 = 0x6c07_8965; T11 = 0x5851_f42d;
    T12 = 0x4c95_7f2d; T13 = 0x1b87_3593; T14 = 0xcc9e_2d51; T15 = 0xe654_6b64;
}

/// One table word chosen by the request; never zero (xorshift of a non-zero seed).
fn table_word(key: usize) -> u32 {
    let table = TABLES[key % TABLE_COUNT];
    // volatile: the compiler must not assume anything about the value
    unsafe { std::ptr::read_volatile(&table[(key * 2_654_435_761) % TABLE_WORDS]) }
}

// ---------------------------------------------------------------- allocator ABI

#[export_name = "canonical_abi_realloc"]
pub unsafe extern "C" fn canonical_abi_realloc(
    old_ptr: *mut u8,
    old_len: usize,
    align: usize,
    new_len: usize,
) -> *mut u8 {
    let layout;
    let ptr = if old_len == 0 {
        if new_len == 0 {
            return align as *mut u8;
        }
        layout = Layout::from_size_align_unchecked(new_len, align);
        alloc::alloc(layout)
    } else {
        layout = Layout::from_size_align_unchecked(old_len, align);
        alloc::realloc(old_ptr, layout, new_len)
    };
    if ptr.is_null() {
        alloc::handle_alloc_error(layout);
    }
    ptr
}

#[export_name = "canonical_abi_free"]
pub unsafe extern "C" fn canonical_abi_free(ptr: *mut u8, len: usize, align: usize) {
    if len == 0 {
        return;
    }
    alloc::dealloc(ptr, Layout::from_size_align_unchecked(len, align));
}

// ---------------------------------------------------------------- request / response

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
    Patch,
    Head,
    Options,
}

impl Method {
    fn lift(d: i32) -> Method {
        match d {
            0 => Method::Get,
            1 => Method::Post,
            2 => Method::Put,
            3 => Method::Delete,
            4 => Method::Patch,
            5 => Method::Head,
            6 => Method::Options,
            _ => panic!("invalid enum discriminant {}", d),
        }
    }
}

pub struct Request {
    pub method: Method,
    pub uri: String,
    pub headers: Vec<(String, String)>,
    pub params: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
}

pub struct Response {
    pub status: u16,
    pub headers: Option<Vec<(String, String)>>,
    pub body: Option<Vec<u8>>,
}

/// The application: what a `#[http_component]` function would be.
fn handle(req: Request) -> Result<Response, String> {
    let mut body = String::with_capacity(32);
    if table_word(req.uri.len() + req.headers.len()) == 0 {
        // unreachable in practice: keeps the tables alive without changing the answer
        write!(body, "{:?} {} {}\n", req.method, req.uri, req.params.len()).map_err(|e| e.to_string())?;
    } else {
        write!(body, "Hello from {}\n", "Rust").map_err(|e| e.to_string())?;
    }
    Ok(Response {
        status: 200,
        headers: Some(vec![("content-type".to_string(), "text/plain".to_string())]),
        body: Some(body.into_bytes()),
    })
}

// ---------------------------------------------------------------- lifting / lowering

#[repr(C, align(4))]
struct RetArea([u8; 28]);
static mut RET_AREA: RetArea = RetArea([0; 28]);

unsafe fn lift_string(ptr: i32, len: i32) -> String {
    let bytes = Vec::from_raw_parts(ptr as *mut u8, len as usize, len as usize);
    String::from_utf8(bytes).expect("invalid utf-8 from host")
}

unsafe fn lift_pairs(base: i32, count: i32) -> Vec<(String, String)> {
    let mut out = Vec::with_capacity(count as usize);
    for i in 0..count {
        let e = (base + i * 16) as *const i32;
        out.push((lift_string(*e, *e.add(1)), lift_string(*e.add(2), *e.add(3))));
    }
    canonical_abi_free(base as *mut u8, (count * 16) as usize, 4);
    out
}

/// Hands a byte list to the host: exact-size allocation, the host frees it.
fn lower_bytes(v: Vec<u8>) -> (i32, i32) {
    let boxed = v.into_boxed_slice();
    let len = boxed.len() as i32;
    if len == 0 {
        return (1, 0);
    }
    (Box::into_raw(boxed) as *mut u8 as i32, len)
}

unsafe fn lower_pairs(pairs: Vec<(String, String)>) -> (i32, i32) {
    let count = pairs.len();
    let array = canonical_abi_realloc(std::ptr::null_mut(), 0, 4, count * 16) as *mut i32;
    for (i, (name, value)) in pairs.into_iter().enumerate() {
        let (np, nl) = lower_bytes(name.into_bytes());
        let (vp, vl) = lower_bytes(value.into_bytes());
        let e = array.add(i * 4);
        *e = np;
        *e.add(1) = nl;
        *e.add(2) = vp;
        *e.add(3) = vl;
    }
    (array as i32, count as i32)
}

#[export_name = "handle-http-request"]
pub unsafe extern "C" fn handle_http_request(
    method: i32,
    uri_ptr: i32,
    uri_len: i32,
    headers_ptr: i32,
    headers_len: i32,
    params_ptr: i32,
    params_len: i32,
    body_tag: i32,
    body_ptr: i32,
    body_len: i32,
) -> i32 {
    let req = Request {
        method: Method::lift(method),
        uri: lift_string(uri_ptr, uri_len),
        headers: lift_pairs(headers_ptr, headers_len),
        params: lift_pairs(params_ptr, params_len),
        body: match body_tag {
            0 => None,
            1 => Some(Vec::from_raw_parts(body_ptr as *mut u8, body_len as usize, body_len as usize)),
            d => panic!("invalid option discriminant {}", d),
        },
    };
    let res = match handle(req) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("Handler returned an error: {}", e);
            Response { status: 500, headers: None, body: Some(e.into_bytes()) }
        }
    };
    let ret = RET_AREA.0.as_mut_ptr();
    std::ptr::write_bytes(ret, 0, 28);
    *(ret as *mut u16) = res.status;
    if let Some(h) = res.headers {
        let (p, n) = lower_pairs(h);
        *ret.add(4) = 1;
        *(ret.add(8) as *mut i32) = p;
        *(ret.add(12) as *mut i32) = n;
    }
    if let Some(b) = res.body {
        let (p, n) = lower_bytes(b);
        *ret.add(16) = 1;
        *(ret.add(20) as *mut i32) = p;
        *(ret.add(24) as *mut i32) = n;
    }
    ret as i32
}
