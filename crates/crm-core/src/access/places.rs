//! Places (country / province / city) and which territory a location falls in.
//!
//! A place names any of the three parts; an empty part matches any value. A customer whose
//! country is empty still matches a place that names a province or city (Chinese addresses
//! rarely carry the country). Names are compared without case and without a trailing 省 or 市,
//! so "山东省" and "山东", "青岛市" and "青岛" are the same place.

use crate::error::{CoreError, CoreResult};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Place {
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub province: String,
    #[serde(default)]
    pub city: String,
}

/// A place name in the form places are compared in.
pub fn place_key(name: &str) -> String {
    let t = name.trim().to_lowercase();
    for suffix in ["省", "市"] {
        if let Some(stem) = t.strip_suffix(suffix)
            && stem.chars().count() >= 2
        {
            return stem.to_string();
        }
    }
    t
}

impl Place {
    /// Parses "中国/山东/青岛", "/山东/" or "山东" (a lone name is a province); parts trimmed.
    pub fn parse(text: &str) -> CoreResult<Place> {
        let parts: Vec<&str> = text.split('/').map(str::trim).collect();
        let place = match parts.as_slice() {
            [province] => Place { province: province.to_string(), ..Default::default() },
            [country, province] => {
                Place { country: country.to_string(), province: province.to_string(), ..Default::default() }
            }
            [country, province, city] => {
                Place { country: country.to_string(), province: province.to_string(), city: city.to_string() }
            }
            _ => return Err(CoreError::invalid(format!("'{text}' is not a place like 中国/山东/青岛"))),
        };
        place.checked()
    }

    /// Trims the parts and refuses a place that names nothing.
    pub fn checked(self) -> CoreResult<Place> {
        let p = Place {
            country: self.country.trim().to_string(),
            province: self.province.trim().to_string(),
            city: self.city.trim().to_string(),
        };
        if p.country.is_empty() && p.province.is_empty() && p.city.is_empty() {
            return Err(CoreError::invalid("a place needs a country, a province or a city"));
        }
        if [&p.country, &p.province, &p.city].iter().any(|s| s.chars().count() > 100) {
            return Err(CoreError::invalid("a place name is at most 100 characters"));
        }
        Ok(p)
    }

    fn keys(&self) -> [String; 3] {
        [place_key(&self.country), place_key(&self.province), place_key(&self.city)]
    }

    /// Whether some location lies in both places.
    pub fn overlaps(&self, other: &Place) -> bool {
        let (a, b) = (self.keys(), other.keys());
        a.iter().zip(b.iter()).all(|(x, y)| x.is_empty() || y.is_empty() || x == y)
    }
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}/{}", self.country, self.province, self.city)
    }
}

/// Every place of every live territory, for deciding a location's territory in memory (an import
/// decides a million of them).
#[derive(Debug, Clone, Default)]
pub struct TerritoryMap {
    places: Vec<([String; 3], i64)>,
}

impl TerritoryMap {
    pub fn new(places: impl IntoIterator<Item = (Place, i64)>) -> Self {
        TerritoryMap { places: places.into_iter().map(|(p, t)| (p.keys(), t)).collect() }
    }

    /// The territory of a location, if any place holds it.
    pub fn territory_of(&self, country: Option<&str>, province: Option<&str>, city: Option<&str>) -> Option<i64> {
        let c = [country, province, city].map(|s| s.map(place_key).unwrap_or_default());
        if c.iter().all(String::is_empty) {
            return None;
        }
        self.places
            .iter()
            .find(|(p, _)| {
                let names_below_country = !p[1].is_empty() || !p[2].is_empty();
                let country_ok = p[0].is_empty() || p[0] == c[0] || (c[0].is_empty() && names_below_country);
                country_ok && (p[1].is_empty() || p[1] == c[1]) && (p[2].is_empty() || p[2] == c[2])
            })
            .map(|(_, t)| *t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Place {
        Place::parse(s).unwrap()
    }

    #[test]
    fn parsing_and_suffixes() {
        assert_eq!(p("中国/山东/青岛"), Place { country: "中国".into(), province: "山东".into(), city: "青岛".into() });
        assert_eq!(p("山东"), Place { province: "山东".into(), ..Default::default() });
        assert_eq!(place_key("山东省"), "山东");
        assert_eq!(place_key("青岛市"), "青岛");
        assert_eq!(place_key("沙市"), "沙市"); // a one-character stem keeps its suffix
        assert!(Place::parse("//").is_err());
        assert!(Place::parse("a/b/c/d").is_err());
    }

    #[test]
    fn overlaps_need_every_part_compatible() {
        assert!(p("中国/山东").overlaps(&p("/山东省/青岛")));
        assert!(p("山东").overlaps(&p("//青岛")));
        assert!(!p("山东").overlaps(&p("江苏")));
        assert!(!p("中国/山东").overlaps(&p("美国/山东")));
        assert!(p("中国//").overlaps(&p("中国/江苏/南京")));
    }

    #[test]
    fn locations_find_their_territory() {
        let map = TerritoryMap::new([(p("中国/山东"), 1), (p("//上海"), 2), (p("美国//"), 3)]);
        assert_eq!(map.territory_of(Some("中国"), Some("山东省"), Some("青岛")), Some(1));
        assert_eq!(map.territory_of(None, Some("山东"), None), Some(1));
        assert_eq!(map.territory_of(None, Some("上海"), Some("上海市")), Some(2));
        assert_eq!(map.territory_of(Some("美国"), Some("加州"), None), Some(3));
        assert_eq!(map.territory_of(None, Some("加州"), None), None);
        assert_eq!(map.territory_of(None, None, None), None);
        assert_eq!(map.territory_of(Some("日本"), Some("山东"), None), None);
    }
}
