//! Reading files to import (CSV in any common encoding and delimiter, Excel and OpenDocument
//! workbooks, vCards), matching their columns to fields, and the history of applied imports.

pub mod batches;
mod cards;
pub(crate) mod fixed_fields;
pub mod mapping;
pub mod progress;
pub mod rejected_file;
pub mod source;
pub mod text;
mod workbook;
