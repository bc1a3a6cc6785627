//! Property: for random org trees, territories, users and customers, every read path shows each
//! user exactly the customers of the scope computed here independently (own unit's territories
//! for sales and service, the subtree's for managers, everything for admins; unassigned customers
//! for admins and the top unit), and nothing outside it is returned, counted or exported. Moving
//! a unit moves its scope.

mod common;
use common::*;
use crm_core::access::Role;
use crm_core::access::places::Place;
use crm_core::access::territories::TerritoryInput;
use crm_core::customer::list::ListRequest;
use crm_core::customer::model::CustomerInput;
use crm_core::{Actor, Crm, ErrorCode};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

const PROVINCES: [(&str, [&str; 2]); 4] =
    [("山东", ["青岛", "济南"]), ("江苏", ["南京", "苏州"]), ("广东", ["广州", "深圳"]), ("四川", ["成都", "绵阳"])];

/// Who owns a province: nobody, one territory for all of it, or a territory (or nobody) per city.
#[derive(Debug, Clone)]
enum Ownership {
    Nobody,
    Whole(usize),
    PerCity([Option<usize>; 2]),
}

#[derive(Debug, Clone)]
struct World {
    /// parents[i] is the parent of unit i + 1 (unit 0 is the company); always a smaller index.
    parents: Vec<usize>,
    /// The unit of each territory.
    territory_units: Vec<usize>,
    provinces: Vec<Ownership>,
    users: Vec<(Role, usize)>,
    /// (province index or none, city index or none, write 省/市 suffixes, with country 中国)
    customers: Vec<(Option<usize>, Option<usize>, bool, bool)>,
    /// A unit to move and the unit to put it under (applied when legal).
    moved: (usize, usize),
}

fn role() -> impl Strategy<Value = Role> {
    prop_oneof![Just(Role::Admin), Just(Role::Manager), Just(Role::Sales), Just(Role::Service)]
}

fn world() -> impl Strategy<Value = World> {
    (1usize..6).prop_flat_map(|extra_units| {
        let units = extra_units + 1;
        let parents = (0..extra_units).map(|i| 0..=i).collect::<Vec<_>>();
        (1usize..5).prop_flat_map(move |territories| {
            let owner = prop_oneof![
                Just(Ownership::Nobody),
                (0..territories).prop_map(Ownership::Whole),
                proptest::array::uniform2(proptest::option::of(0..territories)).prop_map(Ownership::PerCity),
            ];
            (
                parents.clone(),
                proptest::collection::vec(0..units, territories),
                proptest::collection::vec(owner, PROVINCES.len()),
                proptest::collection::vec((role(), 0..units), 1..7),
                proptest::collection::vec(
                    (
                        proptest::option::weighted(0.9, 0..PROVINCES.len()),
                        proptest::option::of(0..2usize),
                        any::<bool>(),
                        any::<bool>(),
                    ),
                    0..20,
                ),
                (0..units, 0..units),
            )
                .prop_map(|(parents, territory_units, provinces, users, customers, moved)| World {
                    parents,
                    territory_units,
                    provinces,
                    users,
                    customers,
                    moved,
                })
        })
    })
}

impl World {
    fn parent(&self, unit: usize) -> Option<usize> {
        if unit == 0 { None } else { Some(self.parents[unit - 1]) }
    }
    fn is_within(&self, unit: usize, ancestor: usize) -> bool {
        let mut u = Some(unit);
        while let Some(x) = u {
            if x == ancestor {
                return true;
            }
            u = self.parent(x);
        }
        false
    }
    /// The territory a customer falls in, decided from the ownership table (not the core's map).
    fn territory_of(&self, customer: usize) -> Option<usize> {
        let (province, city, _, _) = self.customers[customer];
        match (&self.provinces[province?], city) {
            (Ownership::Nobody, _) => None,
            (Ownership::Whole(t), _) => Some(*t),
            (Ownership::PerCity(cities), Some(c)) => cities[c],
            (Ownership::PerCity(_), None) => None,
        }
    }
    fn sees(&self, user: usize, customer: usize) -> bool {
        let (role, unit) = self.users[user];
        match (role, self.territory_of(customer)) {
            (Role::Admin, _) => true,
            (_, None) => unit == 0,
            (Role::Manager, Some(t)) => self.is_within(self.territory_units[t], unit),
            (_, Some(t)) => self.territory_units[t] == unit,
        }
    }
}

struct Built {
    customer_ids: Vec<String>,
    logins: Vec<String>,
}

async fn build(crm: &Crm, top: &str, w: &World) -> Built {
    let a = alice();
    let mut unit_ids = vec![top.to_string()];
    for (i, parent) in w.parents.iter().enumerate() {
        let id = crm.create_org_unit(&a, &format!("部门{}", i + 1), &unit_ids[*parent]).await.unwrap().id;
        unit_ids.push(id);
    }
    let mut places: Vec<Vec<Place>> = vec![Vec::new(); w.territory_units.len()];
    for (p, ownership) in w.provinces.iter().enumerate() {
        let (province, cities) = PROVINCES[p];
        let place = |city: &str| Place { province: province.into(), city: city.into(), ..Default::default() };
        match ownership {
            Ownership::Nobody => {}
            Ownership::Whole(t) => places[*t].push(place("")),
            Ownership::PerCity(owners) => {
                for (c, owner) in owners.iter().enumerate() {
                    if let Some(t) = owner {
                        places[*t].push(place(cities[c]));
                    }
                }
            }
        }
    }
    for (t, unit) in w.territory_units.iter().enumerate() {
        if places[t].is_empty() {
            continue; // a territory needs a place; it owns nothing anyway
        }
        let input =
            TerritoryInput { name: format!("区域{t}"), unit_id: unit_ids[*unit].clone(), places: places[t].clone() };
        crm.create_territory(&a, input).await.unwrap();
    }
    let mut logins = Vec::new();
    for (i, (role, unit)) in w.users.iter().enumerate() {
        let login = format!("user{i}");
        crm.add_user(&a, new_user(&login, *role, &unit_ids[*unit])).await.unwrap();
        logins.push(login);
    }
    let mut customer_ids = Vec::new();
    for (i, (province, city, suffixes, country)) in w.customers.iter().enumerate() {
        let mut c = CustomerInput::named(format!("贸易{i}号"));
        c.phones = vec![format!("139{i:08}")];
        if let Some(p) = province {
            let (name, cities) = PROVINCES[*p];
            let suffix = |s: &'static str| if *suffixes { s } else { "" };
            c.province = Some(format!("{name}{}", suffix("省")));
            c.city = city.map(|x| format!("{}{}", cities[x], suffix("市")));
        }
        if *country {
            c.country = Some("中国".into());
        }
        customer_ids.push(crm.create_customer(&a, c).await.unwrap().id);
    }
    Built { customer_ids, logins }
}

/// Every read path for every user against the independently computed scope.
async fn check_every_read_path(crm: &Crm, w: &World, b: &Built) {
    for (u, login) in b.logins.iter().enumerate() {
        let actor = Actor::named(login);
        let expected: BTreeSet<&str> =
            (0..b.customer_ids.len()).filter(|c| w.sees(u, *c)).map(|c| b.customer_ids[c].as_str()).collect();

        assert_eq!(crm.count_customers(&actor, &Default::default()).await.unwrap(), expected.len() as i64, "{login}");
        let mut listed = BTreeSet::new();
        let mut request = ListRequest { limit: Some(3), ..Default::default() };
        loop {
            let page = crm.list_customers(&actor, &request).await.unwrap();
            listed.extend(page.rows.iter().map(|r| r.id.clone()));
            match page.next_cursor {
                Some(c) => request.cursor = Some(c),
                None => break,
            }
        }
        assert_eq!(listed.iter().map(String::as_str).collect::<BTreeSet<_>>(), expected, "{login}: list");

        let found: BTreeSet<String> =
            crm.search(&actor, "贸易", 100).await.unwrap().into_iter().map(|h| h.id).collect();
        assert_eq!(found.iter().map(String::as_str).collect::<BTreeSet<_>>(), expected, "{login}: search");
        let by_phone: BTreeSet<String> =
            crm.search(&actor, "139", 100).await.unwrap().into_iter().map(|h| h.id).collect();
        assert!(by_phone.iter().all(|id| expected.contains(id.as_str())), "{login}: phone search");

        let mut csv = Vec::new();
        assert_eq!(
            crm.export_customers_csv(&actor, &Default::default(), &mut csv).await.unwrap(),
            expected.len() as u64,
            "{login}"
        );
        let exported = String::from_utf8(csv).unwrap();
        for (c, id) in b.customer_ids.iter().enumerate() {
            let name = format!(",贸易{c}号,");
            assert_eq!(exported.contains(&name), expected.contains(id.as_str()), "{login}: export of {name}");
        }

        let cities: BTreeSet<String> = crm.distinct_values(&actor, "city", 100).await.unwrap().into_iter().collect();
        let customer = |id: &str| b.customer_ids.iter().position(|x| x == id).unwrap();
        let expected_cities: BTreeSet<String> = expected
            .iter()
            .filter_map(|id| {
                let (p, c, suffixes, _) = w.customers[customer(id)];
                let city = PROVINCES[p?].1[c?];
                Some(if suffixes { format!("{city}市") } else { city.to_string() })
            })
            .collect();
        assert_eq!(cities, expected_cities, "{login}: distinct cities");

        for id in &b.customer_ids {
            let visible = expected.contains(id.as_str());
            let got = crm.get_customer(&actor, id).await;
            assert_eq!(got.is_ok(), visible, "{login}: 360 page of {id}");
            if let Err(e) = got {
                assert_eq!(e.code, ErrorCode::Forbidden);
            }
            assert_eq!(crm.list_contacts(&actor, id).await.is_ok(), visible, "{login}: contacts of {id}");
            assert_eq!(crm.customer_history(&actor, id, None, 5).await.is_ok(), visible, "{login}: history of {id}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_read_path_shows_exactly_the_scope(mut w in world()) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let t = open().await;
            let top = t.crm.org_units(&alice()).await.unwrap()[0].id.clone();
            let built = build(&t.crm, &top, &w).await;
            check_every_read_path(&t.crm, &w, &built).await;

            let (unit, parent) = w.moved;
            if unit != 0 && !w.is_within(parent, unit) {
                let ids: BTreeMap<String, String> =
                    t.crm.org_units(&alice()).await.unwrap().into_iter().map(|u| (u.name, u.id)).collect();
                let name = |u: usize| if u == 0 { "总公司".to_string() } else { format!("部门{u}") };
                t.crm.move_org_unit(&alice(), &ids[&name(unit)], &ids[&name(parent)]).await.unwrap();
                w.parents[unit - 1] = parent;
                check_every_read_path(&t.crm, &w, &built).await;
            }
        });
    }
}
