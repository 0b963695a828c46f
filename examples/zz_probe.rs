use serde::Deserialize;
use serde::de::{self, Visitor, MapAccess, SeqAccess, Deserializer};
use serde_saphyr::Spanned;
use std::fmt;

#[derive(Debug)]
enum V { Null, Bool(bool), Int(i64), UInt(u64), Float(f64), Str(String), Seq(Vec<Spanned<V>>), Map(Vec<(Spanned<V>, Spanned<V>)>) }
impl<'de> Deserialize<'de> for V {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<V, D::Error> {
        struct Vis;
        impl<'de> Visitor<'de> for Vis {
            type Value = V;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result { f.write_str("any") }
            fn visit_bool<E>(self, v: bool) -> Result<V, E> { Ok(V::Bool(v)) }
            fn visit_i64<E>(self, v: i64) -> Result<V, E> { Ok(V::Int(v)) }
            fn visit_u64<E>(self, v: u64) -> Result<V, E> { Ok(V::UInt(v)) }
            fn visit_f64<E>(self, v: f64) -> Result<V, E> { Ok(V::Float(v)) }
            fn visit_str<E>(self, v: &str) -> Result<V, E> { Ok(V::Str(v.into())) }
            fn visit_string<E>(self, v: String) -> Result<V, E> { Ok(V::Str(v)) }
            fn visit_unit<E>(self) -> Result<V, E> { Ok(V::Null) }
            fn visit_none<E>(self) -> Result<V, E> { Ok(V::Null) }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V, D::Error> { V::deserialize(d) }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<V, A::Error> { let mut v = vec![]; while let Some(x) = a.next_element()? { v.push(x) } Ok(V::Seq(v)) }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<V, A::Error> { let mut v = vec![]; while let Some(k) = a.next_key()? { let x = a.next_value()?; v.push((k, x)) } Ok(V::Map(v)) }
        }
        d.deserialize_any(Vis)
    }
}
#[derive(Deserialize, Debug)]
struct T { #[serde(default)] s: Option<String>, #[serde(default)] u: Option<u8>, #[serde(default)] b: Option<bool>, #[serde(default)] f: Option<f64>, #[serde(default)] i: Option<i32> }
fn main() {
    let text = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let r: Result<Spanned<V>, _> = serde_saphyr::from_str(&text);
    match r { Ok(v) => println!("{:#?}", v), Err(e) => println!("ERR {e}") }
    for probe in ["s: 5", "s: true", "s: ~", "s: 1.5", "u: \"4\"", "u: 4.0", "u: 300", "b: yes", "b: \"true\"", "f: 3", "f: \"3\"", "i: 0x10", "s: [a]", "s: {a: 1}", "s: !!str 5", "f: .inf", "u: ", "i: 1_000", "s: 2026-01-01"] {
        let r: Result<T, _> = serde_saphyr::from_str(probe);
        println!("{probe:12} => {:?}", r.map_err(|e| e.without_snippet().to_string()));
    }
}
