//! {{project-name}}: a Spin 1.x HTTP component in Rust, built with plain `rustc` (no crates).
//!
//! The Spin SDK would generate the ABI below; here it is written out by hand, in the
//! wit-bindgen 0.2 shape that Spin 1.x SDKs (Go, Rust <= 1.3) produce:
//!   canonical_abi_realloc(old_ptr, old_len, align, new_len) -> ptr
//!   canonical_abi_free(ptr, len, align)
//!   handle-http-request(method, uri ptr/len, headers ptr/len, params ptr/len,
//!                       body tag, body ptr/len) -> pointer to a 28-byte return area
//! The guest owns every argument the host allocated, and the host frees the response
//! lists with canonical_abi_free. Edit `handle` to change what the component answers.

use std::alloc::{self, Layout};

pub struct Request {
    pub method: i32,
    pub uri: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
}

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// The application.
fn handle(_req: Request) -> Response {
    Response {
        status: 200,
        headers: vec![("content-type".to_string(), "text/plain".to_string())],
        body: b"Hello from Rust!\n".to_vec(),
    }
}

// ---------------------------------------------------------------- allocator ABI

#[export_name = "canonical_abi_realloc"]
pub unsafe extern "C" fn canonical_abi_realloc(old_ptr: *mut u8, old_len: usize, align: usize, new_len: usize) -> *mut u8 {
    if new_len == 0 {
        return align as *mut u8;
    }
    let ptr = if old_len == 0 {
        alloc::alloc(Layout::from_size_align_unchecked(new_len, align))
    } else {
        alloc::realloc(old_ptr, Layout::from_size_align_unchecked(old_len, align), new_len)
    };
    if ptr.is_null() {
        alloc::handle_alloc_error(Layout::from_size_align_unchecked(new_len, align));
    }
    ptr
}

#[export_name = "canonical_abi_free"]
pub unsafe extern "C" fn canonical_abi_free(ptr: *mut u8, len: usize, align: usize) {
    if len != 0 {
        alloc::dealloc(ptr, Layout::from_size_align_unchecked(len, align));
    }
}

// ---------------------------------------------------------------- lifting and lowering

#[repr(C, align(4))]
struct RetArea([u8; 28]);
static mut RET_AREA: RetArea = RetArea([0; 28]);

unsafe fn lift_string(ptr: i32, len: i32) -> String {
    String::from_utf8(Vec::from_raw_parts(ptr as *mut u8, len as usize, len as usize)).expect("invalid utf-8 from host")
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

/// Hands a byte list to the host: an exact-size allocation that the host frees.
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
    let request = Request {
        method,
        uri: lift_string(uri_ptr, uri_len),
        headers: lift_pairs(headers_ptr, headers_len),
        body: match body_tag {
            0 => None,
            _ => Some(Vec::from_raw_parts(body_ptr as *mut u8, body_len as usize, body_len as usize)),
        },
    };
    drop(lift_pairs(params_ptr, params_len));
    let response = handle(request);
    let ret = RET_AREA.0.as_mut_ptr();
    std::ptr::write_bytes(ret, 0, 28);
    *(ret as *mut u16) = response.status;
    let (hp, hn) = lower_pairs(response.headers);
    *ret.add(4) = 1;
    *(ret.add(8) as *mut i32) = hp;
    *(ret.add(12) as *mut i32) = hn;
    let (bp, bn) = lower_bytes(response.body);
    *ret.add(16) = 1;
    *(ret.add(20) as *mut i32) = bp;
    *(ret.add(24) as *mut i32) = bn;
    ret as i32
}
