//! How customers are classified: dimensions with option lists, and tags.

pub mod fields;
pub mod tags;
