//! The global allocator: the system's, asking the kernel to back large
//! blocks with huge pages.
//!
//! jieba's dictionary is a hash table of ~16 MB (plus ~8 MB of word records)
//! that segmentation reads at random, a few probes per character. With 4 KB
//! pages nearly every probe also misses the TLB; with 2 MB pages the whole
//! table needs a handful of TLB entries. On Linux, where transparent huge
//! pages are commonly enabled only for memory that asks for them
//! (`madvise` mode), blocks of [`LARGE`] bytes or more are marked with
//! `MADV_HUGEPAGE` as they are allocated, before they are first touched, so
//! the kernel backs them with huge pages when it can. (Measured: jieba's
//! tagging alone ~10 % faster; see README, Performance.) Elsewhere, or if
//! the kernel declines, nothing changes: the advice is only advice.

use std::alloc::{GlobalAlloc, Layout, System};

/// Blocks at least this large are advised (two huge pages: a smaller block
/// could not fill one after alignment).
pub const LARGE: usize = 4 << 20;

/// The system allocator, with huge-page advice for large blocks.
pub struct HugePageAlloc;

// SAFETY: every call is forwarded to `System` unchanged; `advise` only
// passes (a huge-page-aligned part of) a block just returned by `System`
// to `madvise`, which does not move or change its contents.
unsafe impl GlobalAlloc for HugePageAlloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        advise(p, layout.size());
        p
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        advise(p, layout.size());
        p
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        advise(p, new_size);
        p
    }
}

#[inline(always)]
fn advise(p: *mut u8, size: usize) {
    if size >= LARGE && !p.is_null() {
        advise_large(p, size);
    }
}

#[cfg(target_os = "linux")]
#[cold]
fn advise_large(p: *mut u8, size: usize) {
    const HUGE_PAGE: usize = 2 << 20;
    const MADV_HUGEPAGE: i32 = 14;
    unsafe extern "C" {
        fn madvise(addr: *mut std::ffi::c_void, len: usize, advice: i32) -> i32;
    }
    let addr = p as usize;
    let start = addr.next_multiple_of(HUGE_PAGE);
    let end = (addr + size) / HUGE_PAGE * HUGE_PAGE;
    if end > start {
        // SAFETY: `start..end` lies inside the block just allocated; the
        // advice changes how the kernel backs it, not what it holds. A
        // failure (no transparent huge pages) leaves things as they were.
        unsafe {
            madvise(start as *mut std::ffi::c_void, end - start, MADV_HUGEPAGE);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn advise_large(_p: *mut u8, _size: usize) {}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    /// A large block is marked for huge pages (`hg` in the flags of its
    /// mapping in `/proc/self/smaps`), and its contents survive growth.
    #[test]
    fn large_blocks_are_advised() {
        let thp = std::fs::read_to_string("/sys/kernel/mm/transparent_hugepage/enabled")
            .unwrap_or_default();
        if !thp.contains('[') || thp.contains("[never]") {
            eprintln!("no transparent huge pages here: {thp:?}");
            return;
        }
        let mut v: Vec<u64> = (0..(2 << 20)).collect(); // 16 MB
        v.reserve(4 << 20); // grows (realloc) to 48 MB
        v.extend(0..(2 << 20));
        assert_eq!(v[(2 << 20) - 1], (2 << 20) - 1);
        assert_eq!(v[(2 << 20) + 7], 7);
        let addr = v.as_ptr() as usize + (8 << 20);
        let smaps = std::fs::read_to_string("/proc/self/smaps").unwrap_or_default();
        let mut inside = false;
        let mut flags = None;
        for line in smaps.lines() {
            if let Some((range, _)) = line.split_once(' ') {
                if let Some((a, b)) = range.split_once('-') {
                    if let (Ok(a), Ok(b)) =
                        (usize::from_str_radix(a, 16), usize::from_str_radix(b, 16))
                    {
                        inside = (a..b).contains(&addr);
                        continue;
                    }
                }
            }
            if inside {
                if let Some(f) = line.strip_prefix("VmFlags:") {
                    flags = Some(f.to_string());
                }
            }
        }
        let flags = flags.unwrap_or_default();
        assert!(
            flags.split_whitespace().any(|f| f == "hg"),
            "mapping flags: {flags:?}"
        );
    }
}
