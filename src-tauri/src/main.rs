// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // WebKitGTK's DMA-BUF renderer, without a GPU it can use (virtual desktops, which public-sector IT often
    // hands out, remote sessions, Xvfb), renders in software into buffers that cost the web process about
    // 140 MB for a full-screen window, and it drew the scoring grid's updates more slowly than the renderer
    // before it. Tenderbench draws forms and tables, so it uses that renderer unless the user chose otherwise.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_DMABUF_RENDERER").is_none() {
        // SAFETY: this is the first thing the process does, so no other thread can read the environment while
        // it changes.
        unsafe { std::env::set_var("WEBKIT_DISABLE_DMABUF_RENDERER", "1") };
    }
    tenderbench_app::run()
}
