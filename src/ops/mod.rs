//! Operations that decide and then do more: loading an engine (which lints templates by deciding sample
//! accounts), the template sweep, the evidence pack, the offers sheet and rendering one message. They sit above `decision`; `api` calls them.

pub mod evidence;
pub mod load;
pub mod offers;
pub mod render;
pub mod sweep;
