//! Customers' orders (购买记录): entered by hand, imported from a shop's or ERP's CSV, shown in
//! the customer's 360 view, and counted by segments and the RFM assessment.

pub mod order_import;
pub mod order_model;
pub mod orders;
