//! The sales org the lead and opportunity tests share: 总公司 -> 华北区 (territory 北方: 山东 and
//! 北京; reps li, zhao, qian, manager boss) and 华东区 (territory 华东: 上海; rep east), a service
//! agent desk in 华北区, and administrator alice at the top.
#![allow(dead_code)]

use crate::common::*;
use crm_core::access::Role;
use crm_core::access::places::Place;
use crm_core::access::territories::TerritoryInput;
use crm_core::sales::lead_model::LeadInput;
use crm_core::{Actor, Crm};

pub struct SalesOrg {
    pub north: String,
    pub east: String,
    pub north_territory: String,
}

pub fn actor(login: &str) -> Actor {
    Actor::named(login)
}

pub async fn sales_org(crm: &Crm) -> SalesOrg {
    let a = alice();
    let top = crm.org_units(&a).await.unwrap()[0].id.clone();
    let north = crm.create_org_unit(&a, "华北区", &top).await.unwrap().id;
    let east = crm.create_org_unit(&a, "华东区", &top).await.unwrap().id;
    let places = |ps: &[&str]| ps.iter().map(|p| Place::parse(p).unwrap()).collect();
    let north_territory = crm
        .create_territory(
            &a,
            TerritoryInput { name: "北方".into(), unit_id: north.clone(), places: places(&["/山东", "北京"]) },
        )
        .await
        .unwrap()
        .id;
    crm.create_territory(&a, TerritoryInput { name: "华东".into(), unit_id: east.clone(), places: places(&["上海"]) })
        .await
        .unwrap();
    for (login, role, unit) in [
        ("li", Role::Sales, &north),
        ("zhao", Role::Sales, &north),
        ("qian", Role::Sales, &north),
        ("boss", Role::Manager, &north),
        ("desk", Role::Service, &north),
        ("east", Role::Sales, &east),
    ] {
        crm.add_user(&a, new_user(login, role, unit)).await.unwrap();
    }
    SalesOrg { north, east, north_territory }
}

pub fn lead_in(name: &str, province: &str, city: &str) -> LeadInput {
    let mut l = LeadInput::named(name);
    l.province = Some(province.into());
    l.city = Some(city.into());
    l.phone = Some("13900001111".into());
    l
}
