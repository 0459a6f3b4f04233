// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    #[cfg(target_os = "linux")]
    without_compositing_unless_gpu();
    tenderbench_app::run()
}

/// Without a GPU (virtual desktops, which public-sector IT often hands out, remote sessions, Xvfb), WebKitGTK
/// composites the page in software into buffers that cost the web process about 140 MB for a full-screen
/// window, for forms and tables that draw just as well without it. A machine with a GPU render node keeps
/// WebKitGTK's default, and a value the user set is left alone.
#[cfg(target_os = "linux")]
fn without_compositing_unless_gpu() {
    const VARIABLE: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
    let has_render_node = std::fs::read_dir("/dev/dri")
        .map(|nodes| nodes.flatten().any(|node| node.file_name().to_string_lossy().starts_with("renderD")))
        .unwrap_or(false);
    if !has_render_node && std::env::var_os(VARIABLE).is_none() {
        // SAFETY: this runs first in `main`, before any thread exists that could read the environment.
        unsafe { std::env::set_var(VARIABLE, "1") };
    }
}
