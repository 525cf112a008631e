//! People, organizations and places named in a paragraph, with exact byte
//! ranges, and a document-level index of them.
//!
//! jieba's `nr`/`ns`/`nt` tags alone are too noisy for news text (it tags
//! `高新区`, `文明`, `道德` as person names), so a person is only recognized
//! with evidence the text gives reliably: a title right before the name
//! (`宣传部长付荣云`, title chains `市南区常委、宣传部长付荣云`), a byline
//! (`□半岛记者 高晓飞 通讯员 沈明书`), a reporting verb right after it
//! (`付荣云指出`), or a title right after it (`吴庆文书记`). Bare `nr` words
//! are kept as *unconfirmed* mentions that count only when the same name is
//! confirmed somewhere in the document.
//! Organizations come from name endings (`…集团`, `…局`, `…大学`) with a
//! specific name in front, places from a gazetteer, `ns` tags and
//! administrative endings (`斜塘街道`). Aliases stated in parentheses
//! (`红岛经济区(高新区)`) are linked to the full name.
//! All matching runs on the simplified text, so `羅武俠` and `罗武侠` are one name.

use std::cell::Cell;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use super::chars::{decode3, is_han, is_sentence_final, CharSet, WordTable};
use super::nlp::{self, Token};
use super::rules::ParaCtx;

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum EntityKind {
    Person,
    Org,
    Place,
}

impl EntityKind {
    /// The type in Chinese: 人物 / 机构 / 地点.
    pub fn label(self) -> &'static str {
        match self {
            EntityKind::Person => "人物",
            EntityKind::Org => "机构",
            EntityKind::Place => "地点",
        }
    }
}

/// One mention of an entity in a paragraph (offsets relative to the paragraph).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub range: Range<usize>,
    pub kind: EntityKind,
    /// Canonical name (simplified script; the full name for an alias).
    pub name: Box<str>,
    /// The text as written at `range` (traditional script, alias…).
    pub written: Box<str>,
    /// Titles and roles the text gives here (`市南区常委`, `宣传部长`).
    pub roles: Vec<Box<str>>,
    /// The title written right before the name (`宣传部长`), if any.
    pub title: Option<Box<str>>,
    /// Other names stated for it here (`高新区` for `红岛经济区(高新区)`).
    pub aliases: Vec<Box<str>>,
    /// Backed by evidence in the text. Unconfirmed mentions (a bare `nr`
    /// word) count only when the same name is confirmed elsewhere.
    pub confident: bool,
}

// ---------------------------------------------------------------- data

fn data_lines(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

struct Data {
    /// One-character surnames.
    surnames: CharSet,
    compound_surnames: WordTable<()>,
    /// First characters of the compound surnames.
    compound_first: CharSet,
    /// Places: full names and safe short forms.
    places: WordTable<()>,
    /// Title → held by many people at once (记者, 代表…).
    titles: WordTable<bool>,
    /// Longest title, in chars.
    title_max: usize,
    /// [`SUFFIX_CHARS`] as a set.
    suffix_chars: CharSet,
    /// The classes (`C_*` bits) of every BMP character, by code point.
    class: Box<[u8; 0x1_0000]>,
    /// The classes of the characters beyond the BMP that have any.
    class_astral: HashMap<char, u8>,
    /// Organization endings and their kind.
    org_suffixes: WordTable<SuffixKind>,
    /// Longest organization ending, in chars.
    org_suffix_max: usize,
}

/// Character classes ([`Data::class`]).
const C_SURNAME: u8 = 1;
const C_COMPOUND_FIRST: u8 = 2;
/// Ends a title.
const C_TITLE_LAST: u8 = 4;
/// Ends an organization ending.
const C_ORG_LAST: u8 = 8;
/// Ends an administrative ending ([`ADMIN_LAST`]).
const C_ADMIN_LAST: u8 = 16;
/// Ends a place name of the gazetteer.
const C_PLACE_LAST: u8 = 32;
/// Ends one of [`KNOWN_ORGS`].
const C_KNOWN_ORG_LAST: u8 = 64;
/// A CJK ideograph ([`is_han`]).
const C_HAN: u8 = 128;
/// May start a name: a surname or the start of a compound one.
const C_NAME_START: u8 = C_SURNAME | C_COMPOUND_FIRST;

/// Is the token an administrative ending of place names: `街道`, `社区`,
/// `新区`, `省`, `市`, `区`, `县`, `镇`, `乡`, `村`, `旗`?
fn is_admin(u: &Tok) -> bool {
    match u.n {
        1 => matches!(
            u.first,
            '省' | '市' | '区' | '县' | '镇' | '乡' | '村' | '旗'
        ),
        2 => matches!(
            (u.first, u.last),
            ('街', '道') | ('社', '区') | ('新', '区')
        ),
        _ => false,
    }
}

/// The last characters of the administrative endings (`街道`, `社区`, `省`…).
const ADMIN_LAST: &str = "道区省市县镇乡村旗";

impl Data {
    /// The classes (`C_*` bits) of `c`.
    #[inline(always)]
    fn class(&self, c: char) -> u8 {
        let u = c as u32;
        if u < 0x1_0000 {
            self.class[u as usize & 0xFFFF]
        } else {
            self.astral_class(c)
        }
    }

    #[cold]
    fn astral_class(&self, c: char) -> u8 {
        let k = self.class_astral.get(&c).copied().unwrap_or(0);
        if is_han(c) {
            k | C_HAN
        } else {
            k
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum SuffixKind {
    /// `集团`, `大学`, `委员会`…
    Plain,
    /// One-character organ ending (`局`, `部`, `办`, `厅`): needs a name of ≥ 2 chars.
    Organ,
    /// Development zone run as an organization (`经济区`).
    Zone,
}

static DATA: LazyLock<Data> = LazyLock::new(|| {
    let mut surnames = CharSet::new();
    let mut compound_surnames = WordTable::new();
    for l in data_lines(include_str!("../../data/surnames.txt")) {
        let mut cs = l.chars();
        match (cs.next(), cs.next()) {
            (Some(c), None) => surnames.insert(c),
            _ => {
                compound_surnames.insert(l, ());
            }
        }
    }
    let mut places = WordTable::new();
    for l in data_lines(include_str!("../../data/places.txt")) {
        let (name, full_only) = match l.strip_suffix('*') {
            Some(n) => (n, true),
            None => (l, false),
        };
        places.insert(name, ());
        if full_only {
            continue;
        }
        for suf in ["自治区", "地区", "省", "市", "区", "县", "盟"] {
            if let Some(short) = name.strip_suffix(suf) {
                if short.chars().count() >= 2 {
                    places.insert(short, ());
                }
                break;
            }
        }
    }
    let mut titles = WordTable::new();
    for l in data_lines(include_str!("../../data/titles.txt")) {
        match l.strip_suffix('*') {
            Some(t) => titles.insert(t, true),
            None => titles.insert(l, false),
        };
    }
    let title_max = titles.keys().map(|t| t.chars().count()).max().unwrap_or(1);
    let org_suffixes: WordTable<SuffixKind> =
        data_lines(include_str!("../../data/org_suffixes.txt"))
            .map(|l| {
                if let Some(s) = l.strip_suffix('!') {
                    (s, SuffixKind::Organ)
                } else if let Some(s) = l.strip_suffix('=') {
                    (s, SuffixKind::Zone)
                } else {
                    (l, SuffixKind::Plain)
                }
            })
            .collect();
    let org_suffix_max = org_suffixes
        .keys()
        .map(|s| char_count(s))
        .max()
        .unwrap_or(1);
    let mut compound_first = CharSet::new();
    for s in compound_surnames.keys() {
        if let Some(c) = s.chars().next() {
            compound_first.insert(c);
        }
    }
    let mut suffix_chars = CharSet::new();
    for c in SUFFIX_CHARS.chars() {
        suffix_chars.insert(c);
    }
    let mut class: Box<[u8; 0x1_0000]> = vec![0u8; 0x1_0000]
        .into_boxed_slice()
        .try_into()
        .unwrap_or_else(|_| unreachable!());
    let mut class_astral = HashMap::new();
    let mut mark = |c: char, bit: u8| match class.get_mut(c as usize) {
        Some(k) => *k |= bit,
        None => *class_astral.entry(c).or_insert(0) |= bit,
    };
    let firsts =
        |t: &WordTable<()>| -> Vec<char> { t.keys().filter_map(|w| w.chars().next()).collect() };
    let lasts = |ws: &mut dyn Iterator<Item = &&'static str>| -> Vec<char> {
        ws.filter_map(|w| w.chars().next_back()).collect()
    };
    let surname_chars = data_lines(include_str!("../../data/surnames.txt"))
        .filter(|l| l.chars().count() == 1)
        .filter_map(|l| l.chars().next());
    for c in surname_chars {
        mark(c, C_SURNAME);
    }
    for c in firsts(&compound_surnames) {
        mark(c, C_COMPOUND_FIRST);
    }
    for c in lasts(&mut titles.keys()) {
        mark(c, C_TITLE_LAST);
    }
    for c in lasts(&mut org_suffixes.keys()) {
        mark(c, C_ORG_LAST);
    }
    for c in lasts(&mut places.keys()) {
        mark(c, C_PLACE_LAST);
    }
    for c in lasts(&mut KNOWN_ORGS.iter()) {
        mark(c, C_KNOWN_ORG_LAST);
    }
    for c in ADMIN_LAST.chars() {
        mark(c, C_ADMIN_LAST);
    }
    for (u, k) in class.iter_mut().enumerate() {
        if char::from_u32(u as u32).is_some_and(is_han) {
            *k |= C_HAN;
        }
    }
    Data {
        class,
        class_astral,
        compound_first,
        suffix_chars,
        surnames,
        compound_surnames,
        places,
        titles,
        title_max,
        org_suffixes,
        org_suffix_max,
    }
});

/// Words jieba tags as names that are not names. Never people.
const NOT_NAMES: &[&str] = &[
    "文明",
    "道德",
    "高新区",
    "市南",
    "市北",
    "解放思想",
    "双招双引",
    "双引",
    "招才",
    "弘扬",
    "呼唤",
    "崇高",
    "金点子",
    "新思维",
    "从严治党",
    "广泛开展",
    "建立健全",
    "严肃查处",
    "督促检查",
    "加强监督",
    "高素质",
    "青蓝",
    "福祉",
    "拓宽",
    "张贴",
    "探索性",
    "严守纪律",
    "墨守成规",
    "通过培训",
    "真章",
    "高质量",
    "高标准",
    "高水平",
    "高起点",
    "高效率",
    "高品位",
    "高科技",
    "高层次",
    "高速度",
    "周边",
    "周年",
    "周末",
    "周密",
    "常态",
    "常规",
    "向前",
    "向上",
    "于是",
    "于此",
    "万元",
    "万人",
    "王牌",
    "黄金",
    "金牌",
    "金融",
    "马上",
    "马路",
    "安全",
    "安定",
    "安置",
    "华侨",
    "石油",
    "林业",
    "江湖",
    "武装",
    "宋体",
    "包括",
    "包容",
    "关于",
    "关心",
    "关键",
    "任务",
    "任何",
    "余额",
    "吕剧",
    "程序",
    "方面",
    "方针",
    "方案",
    "方式",
    "方法",
    "许多",
    "许可",
    "韩流",
    "田园",
    "谢谢",
    "邓论",
    "苏醒",
    "叶片",
    "杜绝",
    "姚明星",
    "卢比",
    "陆续",
    "潘多拉",
    "蒋介",
    "丁点",
    "康复",
    "康养",
    "施工",
    "温暖",
    "温度",
    "戴帽",
    "易地",
    "毛病",
    "毛泽东思想",
    "沈从文",
    "江山",
    "甘心",
    "章程",
    "柯南",
    "纪律",
    "纪检",
    "童年",
    "单位",
    "单独",
    "季度",
    "成果",
    "成效",
    "成立",
    "成员",
    "景区",
    "景观",
    "路径",
    "路线",
    "管理",
    "管控",
    "游客",
    "华为",
    "鲁迅",
    "齐心",
    "庞大",
    "钟点",
    "盛会",
    "焦点",
    "宁静",
    "舒适",
    "阳光",
    "时代",
    "时尚",
    "白云",
    "龙头",
    "武警",
    "尚未",
    "祝贺",
    "申请",
    "申报",
    "夏季",
];

/// Given names that are forms of address, not names (`张先生`).
const ADDRESS: &[&str] = &[
    "先生", "女士", "同志", "老师", "师傅", "大爷", "阿姨", "大妈", "大姐", "老人", "老汉", "书记",
    "主任", "部长", "局长", "院长", "校长", "总", "工", "姐", "哥", "老", "某",
];

/// Characters that end organization and place words; a name never ends with one.
const SUFFIX_CHARS: &str = "区市县省镇乡村局部办委院校厂司队组会处科所站厅署馆社团港湾岛河湖山路街";

/// Reporting verbs that follow a speaker's name.
const SPEECH: &[&str] = &[
    "指出",
    "表示",
    "说",
    "介绍",
    "强调",
    "认为",
    "称",
    "希望",
    "告诉",
    "透露",
    "坦言",
    "回忆",
    "解释",
    "建议",
    "提出",
    "要求",
    "谈到",
    "说道",
    "讲道",
    "补充",
    "总结",
    "感慨",
    "直言",
    "提到",
    "坦承",
    "宣布",
    "主持",
    "出席",
    "带队",
    "致辞",
    "讲话",
    "笑着说",
    "介绍说",
    "表态",
    "呼吁",
    "发言",
];

/// Titles that may follow a name (`吴庆文书记`); forms of address give no role.
const POST_TITLES: &[&str] = &[
    "书记",
    "同志",
    "先生",
    "女士",
    "老师",
    "教授",
    "主任",
    "部长",
    "局长",
    "区长",
    "市长",
    "县长",
    "省长",
    "镇长",
    "院长",
    "校长",
    "主席",
    "总理",
    "博士",
    "院士",
    "董事长",
    "总经理",
    "一行",
];
const ADDRESS_ONLY: &[&str] = &["同志", "先生", "女士", "一行"];

/// Place words tagged `ns` that are not places.
const NS_STOP: &[&str] = &[
    "新旧",
    "美丽",
    "城市",
    "老城区",
    "重大意义",
    "广大干部",
    "广大",
    "城区",
    "市区",
    "郊区",
    "辖区",
    "园区",
    "景区",
    "社区",
    "山区",
    "主城区",
    "中心城区",
    "新城区",
    "全国",
    "全省",
    "全市",
    "全区",
    "各地",
    "当地",
    "本地",
    "外地",
    "异地",
    "内地",
    "两岸",
    "海外",
    "国外",
    "国内",
    "中外",
    "东西",
    "南北",
    "东方",
    "西方",
    "南方",
    "北方",
    "中华",
    "祖国",
    "家乡",
    "故乡",
    "基层",
    "乡村",
    "农村",
    "城乡",
    "乡镇",
    "城镇",
    "地区",
    "片区",
    "街区",
    "示范区",
    "先行区",
    "核心区",
    "功能区",
    "保护区",
];

/// Stems that make a generic administrative word, not a place name (`全区街道`).
const STEM_STOP: &[&str] = &[
    "地区",
    "全区",
    "全市",
    "全省",
    "全县",
    "全镇",
    "城区",
    "老城区",
    "辖区",
    "社区",
    "园区",
    "景区",
    "街区",
    "基层",
    "农村",
    "城市",
    "城乡",
    "乡镇",
    "机关",
    "省市区",
    "所在",
    "周边",
    "先进",
    "重点",
    "示范",
    "试点",
    "偏远",
    "贫困",
    "山区",
    "郊区",
    "市区",
    "开发区",
    "本地",
    "当地",
    "各地",
    "文明",
    "美丽",
    "幸福",
    "和谐",
    "平安",
    "智慧",
    "街道",
    "区域",
    "市场",
    "城市化",
    "中心",
    "新型",
    "特色",
];

/// Tokens that make what follows generic (`各招商事业部`, `该集团`).
const QUANT: &[&str] = &[
    "各", "每", "诸", "该", "本", "某", "这", "那", "其", "各个", "各级", "每个", "这个", "那个",
    "多个", "几个", "一些", "有关", "相关", "所有", "其他", "其它", "全",
];

/// `nt` words and suffix words that name a kind of body, not one body.
const GENERIC_ORG: &[&str] = &[
    "党组织",
    "党支部",
    "党委",
    "党工委",
    "工委",
    "党组",
    "支部",
    "总支",
    "科研院所",
    "新兴产业",
    "基层党组织",
    "区委",
    "市委",
    "县委",
    "省委",
    "州委",
    "镇委",
    "纪委",
    "监委",
    "政府",
    "人大",
    "政协",
    "法院",
    "检察院",
    "公安局",
    "派出所",
    "集团",
    "公司",
    "银行",
    "大学",
    "学院",
    "学校",
    "中学",
    "小学",
    "医院",
    "中心",
    "协会",
    "学会",
    "商会",
    "研究院",
    "研究所",
    "委员会",
    "管委会",
    "事业部",
    "俱乐部",
    "全部",
    "内部",
    "外部",
    "干部",
    "局部",
    "总部",
    "本部",
    "南部",
    "北部",
    "东部",
    "西部",
    "中部",
    "头部",
    "各部",
    "办公室",
    "新区",
    "开发区",
    "高新区",
    "经济区",
    "工业园区",
    "党中央委员会",
    "企业集团",
    "有限公司",
    "分公司",
    "子公司",
    "母公司",
    "上市公司",
    "办事处",
    "党校",
    "幼儿园",
    "卫生院",
    "研究中心",
    "基金会",
    "联合会",
    "合作社",
    "事务所",
    "电视台",
    "出版社",
    "报社",
    "杂志社",
    "博物馆",
    "纪念馆",
    "图书馆",
    "常委会",
    "人大常委会",
    "人民政府",
];

/// Whole `nt` words that are organizations without any ending.
const KNOWN_ORGS: &[&str] = &[
    "国务院",
    "党中央",
    "中共中央",
    "全国人大",
    "全国政协",
    "中央军委",
    "新华社",
    "人民日报",
    "中央电视台",
    "中国共产党",
    "共青团",
    "妇联",
    "总工会",
    "上合组织",
    "联合国",
    "世界银行",
];

type WordSet = WordTable<()>;

/// The first characters of [`QUANT`].
static QUANT_FIRST: LazyLock<CharSet> = LazyLock::new(|| {
    let mut set = CharSet::new();
    for q in QUANT {
        if let Some(c) = q.chars().next() {
            set.insert(c);
        }
    }
    set
});

fn word_set(words: &[&'static str]) -> WordSet {
    words.iter().copied().collect()
}

static SETS: LazyLock<Sets> = LazyLock::new(|| Sets {
    not_names: word_set(NOT_NAMES),
    address: word_set(ADDRESS),
    ns_stop: word_set(NS_STOP),
    stem_stop: word_set(STEM_STOP),
    generic_org: word_set(GENERIC_ORG),
    not_org_endings: word_set(NOT_ORG_ENDINGS),
    quant: word_set(QUANT),
    speech: word_set(SPEECH),
    post_titles: word_set(POST_TITLES),
    known_orgs: word_set(KNOWN_ORGS),
});

struct Sets {
    not_names: WordSet,
    address: WordSet,
    ns_stop: WordSet,
    stem_stop: WordSet,
    generic_org: WordSet,
    not_org_endings: WordSet,
    quant: WordSet,
    speech: WordSet,
    post_titles: WordSet,
    known_orgs: WordSet,
}

/// Does `w` start with a quantifier or demonstrative (`各`, `全`, `该`…)?
fn starts_quant(w: &str) -> bool {
    let mut it = w.char_indices();
    let Some((_, c0)) = it.next() else {
        return SETS.quant.contains(w);
    };
    // both candidates start with `c0`
    if !QUANT_FIRST.contains(c0) {
        return false;
    }
    let (one, c1) = match it.next() {
        Some((i, c)) => (i, c),
        None => return SETS.quant.get_ends(w, c0, c0).is_some(),
    };
    let two = it.next().map_or(w.len(), |(i, _)| i);
    let q = &SETS.quant;
    q.get_ends(&w[..one], c0, c0).is_some() || q.get_ends(&w[..two], c0, c1).is_some()
}

/// Does `name` end with a common word that only looks like an organ ending (`干部`)?
fn ends_not_org(name: &str) -> bool {
    let mut it = name.char_indices().rev();
    let _ = it.next();
    it.next()
        .is_some_and(|(i, _)| SETS.not_org_endings.contains(&name[i..]))
}

#[cfg(test)]
fn is_surname(c: &str) -> bool {
    let mut cs = c.chars();
    match (cs.next(), cs.next()) {
        (Some(ch), None) => DATA.surnames.contains(ch),
        _ => false,
    }
}

/// `char_count(s) > n`, without counting a string of at most `n` bytes.
fn more_chars_than(s: &str, n: usize) -> bool {
    s.len() > n && char_count(s) > n
}

fn char_count(s: &str) -> usize {
    s.chars().count()
}

fn all_han(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_han)
}

/// Could `w` be a Chinese personal name (surname + one or two characters)?
pub fn person_shape(w: &str) -> bool {
    // 2–4 CJK chars of 3 or 4 bytes each
    if !(6..=12).contains(&w.len()) {
        return false;
    }
    let d = &*DATA;
    // a surname or the start of a compound one must come first
    match w.chars().next() {
        Some(c) if d.surnames.contains(c) || d.compound_first.contains(c) => shape_rest(d, w),
        _ => false,
    }
}

/// [`person_shape`] past its cheap checks (length, first character).
fn shape_rest(d: &Data, w: &str) -> bool {
    // all Han; 6–12 bytes of them are 2–4 chars
    let mut at = [0usize; 4];
    let mut cs = ['\0'; 4];
    let mut n = 0;
    for (i, c) in w.char_indices() {
        if n == 4 || !is_han(c) {
            return false;
        }
        at[n] = i;
        cs[n] = c;
        n += 1;
    }
    if n < 2 {
        return false;
    }
    shape_parts(d, w, &at, &cs, n)
}

/// [`person_shape`] of `w`, all Han, given its 2–4 chars and their offsets.
#[inline]
fn shape_parts(d: &Data, w: &str, at: &[usize; 4], cs: &[char; 4], n: usize) -> bool {
    let last = cs[n - 1];
    // a name never ends with an organization or place ending
    if d.suffix_chars.contains(last) {
        return false;
    }
    // compound surname + 1–2 chars, or a surname + 1–2 chars
    let g = if n >= 3
        && d.compound_first.contains(cs[0])
        && d.compound_surnames
            .get_ends(&w[..at[2]], cs[0], cs[1])
            .is_some()
    {
        2
    } else if n <= 3 && d.surnames.contains(cs[0]) {
        1
    } else {
        return false;
    };
    let sets = &*SETS;
    sets.address.get_ends(&w[at[g]..], cs[g], last).is_none()
        && sets.not_names.get_ends(w, cs[0], last).is_none()
}

/// [`person_shape`] of a token, with its cheap checks on what the token knows.
fn tok_shape(d: &Data, t: &Tok) -> bool {
    let w = t.word;
    if t.fc & C_NAME_START == 0 || !(6..=12).contains(&w.len()) || !t.han {
        return false;
    }
    // all Han of three bytes: the chars at fixed offsets
    if w.len() == 3 * t.n && t.n <= 4 {
        let b = w.as_bytes();
        let mut cs = ['\0'; 4];
        for (k, c) in cs.iter_mut().enumerate().take(t.n) {
            *c = decode3(b[3 * k], b[3 * k + 1], b[3 * k + 2]);
        }
        return shape_parts(d, w, &[0, 3, 6, 9], &cs, t.n);
    }
    shape_rest(d, w)
}

/// Is `w` a place name of the gazetteer (full or short form)?
pub fn is_known_place(w: &str) -> bool {
    DATA.places.contains(w)
}

#[cfg(test)]
fn is_title(w: &str) -> bool {
    DATA.titles.contains_key(w)
}

/// Is `t` a title many people hold at once (记者, 代表)? Unknown titles count as shared.
pub fn title_is_shared(t: &str) -> bool {
    let t = t.rsplit(['、', ' ']).next().unwrap_or(t);
    // the longest known title the role ends with
    let mut best: Option<bool> = None;
    for (i, _) in t.char_indices() {
        if let Some(&shared) = DATA.titles.get(&t[i..]) {
            best = Some(shared || t[i..].starts_with('副'));
            break;
        }
    }
    best.unwrap_or(true)
}

// ---------------------------------------------------------------- tokens

struct Tok<'a> {
    range: Range<usize>,
    word: &'a str,
    tag: &'a str,
    /// Length in chars.
    n: usize,
    /// All CJK ideographs?
    han: bool,
    /// First and last characters (`'\0'` for an empty word).
    first: char,
    last: char,
    /// Their classes (`C_*`).
    fc: u8,
    lc: u8,
    /// Which passes may find something at this token (`MAY_*`).
    may: u8,
}

/// [`Rec::places`] may find a place at the token.
const MAY_PLACE: u8 = 1;
/// [`Rec::orgs`] may find an organization at the token.
const MAY_ORG: u8 = 2;
/// A name may start at the token.
const MAY_NAME: u8 = 4;
/// A name may start at the token, which starts with a Han char.
const MAY_NAME_HAN: u8 = 8;

impl Tok<'_> {
    fn is_nr(&self) -> bool {
        self.tag.starts_with("nr")
    }
    fn chars(&self) -> usize {
        self.n
    }
    /// The entry of `table` for this word.
    #[inline]
    fn in_table<'t, V>(&self, table: &'t WordTable<V>) -> Option<&'t V> {
        if self.n == 0 {
            return table.get(self.word);
        }
        table.get_ends(self.word, self.first, self.last)
    }
    #[inline]
    fn is_in(&self, table: &WordSet) -> bool {
        self.in_table(table).is_some()
    }
    #[inline]
    fn is_in_titles(&self, d: &Data) -> bool {
        self.lc & C_TITLE_LAST != 0 && self.in_table(&d.titles).is_some()
    }
    #[inline]
    fn is_place(&self, d: &Data) -> bool {
        self.lc & C_PLACE_LAST != 0 && self.in_table(&d.places).is_some()
    }
}

/// Tags of function words (pronouns, numerals, prepositions, conjunctions,
/// particles, measure words, locatives, adverbs, modals, interjections):
/// never part of a name.
fn is_function_tag(tag: &str) -> bool {
    matches!(
        tag,
        "r" | "m"
            | "p"
            | "c"
            | "u"
            | "uj"
            | "ul"
            | "uz"
            | "uv"
            | "ud"
            | "ug"
            | "q"
            | "f"
            | "d"
            | "y"
            | "e"
    )
}

/// Name material: tokens that may be part of an organization or role name.
fn material(t: &Tok, verbs: bool) -> bool {
    if !t.han || t.is_in(&SETS.quant) {
        return false;
    }
    let tag = t.tag;
    matches!(
        tag,
        "n" | "nt"
            | "ns"
            | "nz"
            | "nr"
            | "nrt"
            | "nrfg"
            | "j"
            | "s"
            | "ag"
            | "ng"
            | "zg"
            | "b"
            | "x"
    ) || tag.starts_with("nr")
        || (verbs && matches!(tag, "v" | "vn"))
}

/// The plain segmenter, held once (asking `nlp::jieba` clones an `Arc`).
static JIEBA: LazyLock<std::sync::Arc<jieba_rs::Jieba>> = LazyLock::new(nlp::jieba);

fn is_oov(word: &str) -> bool {
    !nlp::is_word(&JIEBA, word)
}

/// An unknown word that jieba did not read as a verb or adjective: a proper name.
fn proper_oov(word: &str, tag: &str) -> bool {
    !matches!(
        tag,
        "v" | "vn" | "vd" | "a" | "ad" | "an" | "d" | "p" | "c" | "m" | "q" | "r" | "f" | "t"
    ) && is_oov(word)
}

/// Endings that look like organ endings but are common words (`干部`, `布局`).
const NOT_ORG_ENDINGS: &[&str] = &[
    "干部", "全部", "内部", "外部", "局部", "南部", "北部", "东部", "西部", "中部", "头部", "腹部",
    "面部", "细部", "基部", "底部", "顶部", "后部", "前部", "上部", "下部", "胸部", "背部", "腰部",
    "布局", "格局", "大局", "结局", "当局", "时局", "政局", "开局", "残局", "骗局", "全局", "饭局",
    "棋局", "赛局", "出局", "终局", "僵局", "危局", "定局", "败局", "胜局", "买办", "承办", "主办",
    "协办", "督办", "举办", "创办", "兴办", "开办", "包办", "操办", "代办", "查办", "交办", "转办",
    "帮办", "领办", "首办", "承办", "合办", "试办", "筹办", "法办", "照办", "严办", "速办", "快办",
];

/// Function words that name a department (`组织人事部`): kept even when tagged as verbs.
const DEPT_WORDS: &[&str] = &[
    "组织", "宣传", "统战", "审批", "规划", "建设", "管理", "监督", "执法", "服务", "发展", "改革",
    "招商", "督查", "巡察", "信访", "应急", "行政",
];

// ---------------------------------------------------------------- recognizer

struct Cand {
    range: Range<usize>,
    kind: EntityKind,
    roles: Vec<Box<str>>,
    title: Option<Box<str>>,
    aliases: Vec<Box<str>>,
    confident: bool,
}

struct Rec<'a> {
    s: &'a str,
    toks: Vec<Tok<'a>>,
    people: Vec<Cand>,
    others: Vec<Cand>,
}

/// Recognize the people, organizations and places mentioned in a paragraph.
pub fn mentions(ctx: &ParaCtx) -> Vec<Mention> {
    // cheap pre-check: no Chinese, no names
    if !ctx.masked.bytes().any(|b| b >= 0xE3) || !ctx.masked.chars().any(is_han) {
        return Vec::new();
    }
    let s = ctx.simplified();
    let toks = ctx.tokens();
    recognize(ctx.text, s, toks)
}

/// The recognizer over a paragraph's text, its simplified form (same offsets)
/// and jieba tokens of the simplified form.
pub fn recognize(text: &str, s: &str, tokens: &[Token]) -> Vec<Mention> {
    let toks = build_toks(s, tokens);
    let mut r = Rec {
        s,
        toks,
        people: Vec::new(),
        others: Vec::new(),
    };
    // a byline is no sentence, and names people only after a space (one
    // segment gives nothing)
    let sentence = text
        .trim_end()
        .chars()
        .next_back()
        .is_some_and(is_sentence_final);
    if !sentence && has_space(s) && super::outline::is_byline(text) {
        r.byline();
    }
    r.people();
    r.places();
    r.orgs();
    r.finish(text)
}
fn build_toks<'a>(s: &'a str, tokens: &[Token]) -> Vec<Tok<'a>> {
    let d = &*DATA;
    let mut toks: Vec<Tok> = recycle(TOK_BUF.with(Cell::take));
    toks.reserve(tokens.len());
    for t in tokens {
        let Some(word) = s.get(t.range.clone()) else {
            continue;
        };
        // most words are two basic CJK ideographs or one character
        let (n, han, first, last, fc, lc) = match *word.as_bytes() {
            [a, b, c, x, y, z] if basic_cjk(a, b) && basic_cjk(x, y) => {
                let (first, last) = (decode3(a, b, c), decode3(x, y, z));
                (2, true, first, last, d.class(first), d.class(last))
            }
            [a, b, c] if (0xE0..=0xEF).contains(&a) => {
                let ch = decode3(a, b, c);
                let k = d.class(ch);
                (1, k & C_HAN != 0, ch, ch, k, k)
            }
            _ => {
                let (n, han, first, last) = scan(d, word);
                (n, han, first, last, d.class(first), d.class(last))
            }
        };
        // which passes may find something here (each pass checks in full)
        let mut may = 0;
        if han && n >= 2 && (lc & (C_PLACE_LAST | C_ADMIN_LAST) != 0 || t.tag == "ns") {
            may |= MAY_PLACE;
        }
        // glued organ endings (`局以`), `nt` words, known organizations
        if han
            && (lc & (C_ORG_LAST | C_KNOWN_ORG_LAST) != 0
                || first == '局'
                || first == '办'
                || t.tag == "nt")
        {
            may |= MAY_ORG;
        }
        if fc & C_NAME_START != 0 {
            may |= MAY_NAME;
            if fc & C_HAN != 0 {
                may |= MAY_NAME_HAN;
            }
        }
        // a stem before an administrative ending (`斜塘/街道`)
        if lc & C_ADMIN_LAST != 0 {
            if let Some(p) = toks.last_mut() {
                if p.range.end == t.range.start && p.han && p.n >= 2 {
                    p.may |= MAY_PLACE;
                }
            }
        }
        toks.push(Tok {
            range: t.range.clone(),
            word,
            tag: t.tag,
            n,
            han,
            first,
            last,
            fc,
            lc,
            may,
        });
    }
    toks
}

thread_local! {
    /// The token vector's allocation, kept from one paragraph for the next
    /// (always empty here).
    static TOK_BUF: Cell<Vec<Tok<'static>>> = const { Cell::new(Vec::new()) };
}

/// An emptied token vector of another lifetime, in the same allocation.
fn recycle<'a, 'b>(mut v: Vec<Tok<'a>>) -> Vec<Tok<'b>> {
    v.clear();
    // an empty vector maps to an empty one, collected in place
    v.into_iter()
        .map(|_| -> Tok<'b> { unreachable!("the vector is empty") })
        .collect()
}

/// Keep the allocation of `toks` for the next paragraph (unless it is large).
fn give_back(toks: Vec<Tok>) {
    if toks.capacity() <= 4096 {
        TOK_BUF.with(|b| b.set(recycle(toks)));
    }
}

/// The first token from `i` on with any of the `may` bits.
#[inline(always)]
fn next_may(toks: &[Tok], i: usize, may: u8) -> Option<usize> {
    let rest = toks.get(i..)?;
    rest.iter().position(|t| t.may & may != 0).map(|k| i + k)
}

/// Do the first two bytes of a UTF-8 sequence lead a character of
/// U+4E00..U+9FFF (Han, three bytes)?
#[inline(always)]
fn basic_cjk(a: u8, b: u8) -> bool {
    matches!(a, 0xE5..=0xE9) || (a == 0xE4 && b >= 0xB8)
}

/// A word's length in chars, whether it is all Han, and its first and last
/// characters (`'\0'` for an empty word), in one pass.
fn scan(d: &Data, w: &str) -> (usize, bool, char, char) {
    // basic CJK ideographs only (three bytes each)
    let b = w.as_bytes();
    if b.len() >= 3 && b.len().is_multiple_of(3) && b.chunks_exact(3).all(|c| basic_cjk(c[0], c[1]))
    {
        let l = b.len() - 3;
        let first = decode3(b[0], b[1], b[2]);
        let last = decode3(b[l], b[l + 1], b[l + 2]);
        return (b.len() / 3, true, first, last);
    }
    let is_han = |c: char| d.class(c) & C_HAN != 0;
    let (mut n, mut han, mut first, mut last) = (0, false, '\0', '\0');
    let mut cs = w.chars();
    if let Some(c) = cs.next() {
        (n, han, first, last) = (1, is_han(c), c, c);
        for c in cs {
            n += 1;
            han = han && is_han(c);
            last = c;
        }
    }
    (n, han, first, last)
}

impl<'a> Rec<'a> {
    /// Index of the token starting exactly at byte `at`.
    fn tok_at(&self, at: usize) -> Option<usize> {
        let i = self.toks.partition_point(|t| t.range.start < at);
        (i < self.toks.len() && self.toks[i].range.start == at).then_some(i)
    }

    /// Index of the token ending exactly at byte `at`.
    fn tok_ending(&self, at: usize) -> Option<usize> {
        let i = self.toks.partition_point(|t| t.range.end < at);
        (i < self.toks.len() && self.toks[i].range.end == at).then_some(i)
    }

    fn next_contiguous(&self, i: usize) -> Option<&Tok<'a>> {
        let t = self.toks.get(i + 1)?;
        (t.range.start == self.toks[i].range.end).then_some(t)
    }

    fn has_person(&self, range: &Range<usize>) -> bool {
        self.people
            .iter()
            .any(|p| p.range.start < range.end && range.start < p.range.end)
    }

    fn add_person(&mut self, range: Range<usize>, roles: Vec<Box<str>>, title: Option<Box<str>>) {
        if let Some(p) = self
            .people
            .iter_mut()
            .find(|p| p.range == range && p.confident)
        {
            for r in roles {
                if !p.roles.contains(&r) {
                    p.roles.push(r);
                }
            }
            if p.title.is_none() {
                p.title = title;
            }
            return;
        }
        if self.has_person(&range) {
            return;
        }
        self.people.push(Cand {
            range,
            kind: EntityKind::Person,
            roles,
            title,
            aliases: Vec::new(),
            confident: true,
        });
    }

    /// `□半岛记者 高晓飞 通讯员 沈明书 李伟 滕媛`: names after a title, space-separated.
    fn byline(&mut self) {
        let s = self.s;
        let mut role: Option<Box<str>> = None;
        let mut found = Vec::new();
        for (_, seg) in split_ws(s) {
            let clean_start = seg
                .char_indices()
                .find(|&(_, c)| !matches!(c, '□' | '■' | '◎' | '●' | '【' | '[' | '（' | '('))
                .map(|(i, _)| i)
                .unwrap_or(seg.len());
            let mut clean = &seg[clean_start..];
            for head in [
                "文/",
                "图/",
                "文／",
                "图／",
                "摄影：",
                "摄影:",
                "作者：",
                "作者:",
            ] {
                if let Some(rest) = clean.strip_prefix(head) {
                    clean = rest;
                }
            }
            let clean = clean.trim_end_matches([']', '】', '）', ')']);
            if clean.is_empty() {
                continue;
            }
            let titled = ["记者", "通讯员", "实习生", "编辑", "摄影", "作者"]
                .iter()
                .any(|t| clean.ends_with(t));
            if titled {
                role = Some(clean.into());
            } else if let Some(r) = &role {
                if person_shape(clean) {
                    let at = offset_in(s, clean);
                    found.push((at..at + clean.len(), r.clone()));
                } else {
                    role = None;
                }
            }
        }
        for (range, r) in found {
            self.add_person(range, vec![r.clone()], Some(r));
        }
    }

    /// The longest title that the text ends with at byte `end` (spaces skipped).
    fn title_before(&self, end: usize) -> Option<Range<usize>> {
        let s = self.s;
        let head = s.get(..end)?;
        let trimmed = head.trim_end_matches([' ', '\u{3000}']);
        let e = trimmed.len();
        let d = &*DATA;
        // every title ends with one of a few characters
        let last = trimmed.chars().next_back()?;
        if d.class(last) & C_TITLE_LAST == 0 {
            return None;
        }
        let mut best = None;
        for (n, (i, c)) in trimmed.char_indices().rev().enumerate() {
            if n >= d.title_max {
                break;
            }
            if d.titles.get_ends(&trimmed[i..], c, last).is_some() {
                best = Some(i..e);
            }
        }
        best
    }

    /// A role segment ending at `end` (a title, with the organization words before it).
    fn role_segment(&self, title_start: usize, end: usize) -> Range<usize> {
        let mut start = title_start;
        // the token containing the title start, then material tokens to the left
        let i = self.toks.partition_point(|t| t.range.end <= title_start);
        if let Some(t) = self.toks.get(i) {
            if t.range.start < title_start && t.range.end > title_start {
                start = t.range.start;
            }
        }
        let first = self.toks.partition_point(|t| t.range.end <= start);
        let mut j = first;
        while j > 0 {
            let t = &self.toks[j - 1];
            if t.range.end != start || !material(t, true) {
                break;
            }
            if t.is_nr() && tok_shape(&DATA, t) {
                break;
            }
            if more_chars_than(&self.s[t.range.start..end], 14) {
                break;
            }
            start = t.range.start;
            j -= 1;
        }
        // a verb does not start a role (支持/企业董事长)
        while j < first && matches!(self.toks[j].tag, "v" | "vn") {
            j += 1;
            start = self.toks.get(j).map_or(start, |t| t.range.start);
        }
        start..end
    }

    /// Roles in a chain ending with `seg`: `市南区常委、宣传部长`.
    fn role_chain(&self, seg: Range<usize>) -> Vec<Box<str>> {
        let s = self.s;
        let mut roles: Vec<Box<str>> = vec![s[seg.clone()].into()];
        let mut at = seg.start;
        for _ in 0..4 {
            let Some(before) = s.get(..at) else { break };
            let Some(p) = before.strip_suffix('、') else {
                break;
            };
            let Some(t) = self.title_before(p.len()) else {
                break;
            };
            if t.end != p.len() {
                break;
            }
            let seg = self.role_segment(t.start, t.end);
            roles.insert(0, s[seg.clone()].into());
            at = seg.start;
        }
        roles
    }

    /// The name that starts at token `i` right after a title, as a byte range.
    fn name_after_title(&self, i: usize) -> Option<Range<usize>> {
        let t = &self.toks[i];
        let n = t.chars();
        let d = &*DATA;
        if (2..=4).contains(&n) && tok_shape(d, t) && (t.is_nr() || is_oov(t.word)) {
            return Some(self.compound_tail(i).unwrap_or(t.range.clone()));
        }
        // `赵雪梅作`: jieba glued a verb to the name
        if t.is_nr() && n == 4 {
            let (cut, last) = t.word.char_indices().nth(3)?;
            if "作在为和说是也将到等给与对向从被把".contains(last) && person_shape(&t.word[..cut])
            {
                return Some(t.range.start..t.range.start + cut);
            }
        }
        // `罗/武侠`: surname split off the given name
        if n == 1 && t.fc & C_SURNAME != 0 {
            let u = self.next_contiguous(i)?;
            let m = u.chars();
            // (a time word or a verb does not finish a name either)
            let function = is_function_tag(u.tag) || matches!(u.tag, "t" | "v" | "vn");
            let joined = &self.s[t.range.start..u.range.end];
            if (1..=2).contains(&m) && !function && person_shape(joined) {
                return Some(t.range.start..u.range.end);
            }
        }
        None
    }

    /// A name at token `i` as jieba gives it: an `nr` or unknown word of name
    /// shape, or a surname split off an `nr` given name (`罗/武侠`).
    /// Returns the range and the index of its last token.
    fn strict_name(&self, i: usize) -> Option<(Range<usize>, usize)> {
        let t = &self.toks[i];
        let d = &*DATA;
        if t.chars() == 1 && t.fc & C_SURNAME != 0 {
            let u = self.next_contiguous(i)?;
            let joined = &self.s[t.range.start..u.range.end];
            if u.is_nr() && (1..=2).contains(&u.chars()) && person_shape(joined) {
                return Some((t.range.start..u.range.end, i + 1));
            }
            return None;
        }
        let ok = (2..=4).contains(&t.chars())
            && tok_shape(d, t)
            && (t.is_nr() || (t.tag != "ns" && t.tag != "nt" && proper_oov(t.word, t.tag)));
        if !ok {
            return None;
        }
        match self.compound_tail(i) {
            // a lone char completes the name (欧阳明/华/指出); a glued one
            // (欧阳明/华在) leaves no token to read evidence from
            Some(r) if self.toks.get(i + 1).is_some_and(|u| u.range.end == r.end) => {
                Some((r, i + 1))
            }
            Some(r) => Some((r, i)),
            None => Some((t.range.clone(), i)),
        }
    }

    /// `欧阳明/华在`: jieba cut the last given-name char of a compound-surname
    /// name off and glued it to a function word (or left it alone).
    fn compound_tail(&self, i: usize) -> Option<Range<usize>> {
        let t = &self.toks[i];
        if t.chars() != 3 || t.fc & C_COMPOUND_FIRST == 0 {
            return None;
        }
        let (k, _) = t.word.char_indices().nth(2)?;
        if !DATA.compound_surnames.contains(&t.word[..k]) {
            return None;
        }
        let u = self.next_contiguous(i)?;
        let mut cs = u.word.chars();
        let c = cs.next()?;
        let rest = cs.as_str();
        let glued = rest.chars().count() == 1 && "在说是和等为对向将也都".contains(rest);
        let alone = rest.is_empty()
            && !matches!(
                u.tag,
                "p" | "c" | "u" | "uj" | "ul" | "d" | "r" | "m" | "q" | "f" | "v"
            );
        let name = &self.s[t.range.start..u.range.start + c.len_utf8()];
        (is_han(c) && (glued || alone) && person_shape(name))
            .then(|| t.range.start..u.range.start + c.len_utf8())
    }

    fn people(&mut self) {
        let d = &*DATA;
        // where nothing starts a name there is no name (strict or after a title)
        let mut i = 0;
        while let Some(k) = next_may(&self.toks, i, MAY_NAME_HAN) {
            i = self.person_at(d, k);
        }
        // unconfirmed: bare nr words of name shape (and `罗/武侠` splits)
        // both kinds start with a surname (or a compound one)
        let mut i = 0;
        while let Some(k) = next_may(&self.toks, i, MAY_NAME) {
            i = k + 1;
            let t = &self.toks[k];
            let mut range = None;
            if t.is_nr() && (2..=3).contains(&t.chars()) && tok_shape(d, t) {
                range = Some(t.range.clone());
            } else if t.chars() == 1 && t.fc & C_SURNAME != 0 {
                if let Some(u) = self.next_contiguous(k) {
                    let joined = &self.s[t.range.start..u.range.end];
                    if u.is_nr() && (1..=2).contains(&u.chars()) && person_shape(joined) {
                        range = Some(t.range.start..u.range.end);
                    }
                }
            }
            if let Some(range) = range {
                if !self.has_person(&range) {
                    self.people.push(Cand {
                        range,
                        kind: EntityKind::Person,
                        roles: Vec::new(),
                        title: None,
                        aliases: Vec::new(),
                        confident: false,
                    });
                }
            }
        }
    }

    /// A person named at token `i` (which may start a name); the token to go on from.
    #[inline(never)]
    fn person_at(&mut self, d: &Data, i: usize) -> usize {
        let (t_range, t_word) = (self.toks[i].range.clone(), self.toks[i].word);
        let fc = self.toks[i].fc;
        let start = t_range.start;
        let strict = self.strict_name(i);
        let mut next_i = strict.as_ref().map_or(i, |(_, last)| *last) + 1;
        // 1. a title right before the name
        let mut handled = false;
        let could_start = fc & C_SURNAME != 0
            || (self.toks[i].n >= 3
                && fc & C_COMPOUND_FIRST != 0
                && t_word
                    .char_indices()
                    .nth(2)
                    .is_some_and(|(k, _)| d.compound_surnames.contains(&t_word[..k])));
        if could_start {
            // the char before the name must end a title: when the token
            // before ends right here with no space, that is its last char
            let no_title = i > 0 && {
                let p = &self.toks[i - 1];
                p.range.end == start
                    && p.n > 0
                    && !matches!(p.last, ' ' | '\u{3000}')
                    && p.lc & C_TITLE_LAST == 0
            };
            let title = if no_title {
                None
            } else {
                self.title_before(start)
            };
            if let Some(title) = title {
                if let Some(name) = self.name_after_title(i) {
                    let seg = self.role_segment(title.start, title.end);
                    let roles = self.role_chain(seg.clone());
                    let title_text: Box<str> = self.s[seg].into();
                    let end = name.end;
                    next_i = next_i.max(self.toks.partition_point(|t| t.range.start < end));
                    self.add_person(name, roles.clone(), Some(title_text.clone()));
                    self.name_list(end, &roles, &title_text);
                    handled = true;
                }
            }
        }
        if let (false, Some((name, last))) = (handled, strict) {
            let t_range = name;
            if let Some(u) = self.next_contiguous(last) {
                let post = u.word;
                let speech = u.is_in(&SETS.speech)
                    || ["表示", "指出", "强调", "介绍", "认为"]
                        .iter()
                        .any(|v| post.starts_with(v));
                if speech {
                    self.add_person(t_range.clone(), Vec::new(), None);
                } else if u.is_in(&SETS.post_titles) {
                    let mut roles = Vec::new();
                    if !ADDRESS_ONLY.contains(&post) {
                        let seg = self.role_segment(start, start);
                        let role = if seg.start < start {
                            format!("{}{}", &self.s[seg.clone()], post)
                        } else {
                            post.to_string()
                        };
                        roles = self.role_chain(seg.start..seg.start);
                        roles.pop();
                        roles.push(role.into());
                    }
                    self.add_person(t_range.clone(), roles, None);
                }
            }
        }
        next_i
    }

    /// `市领导张三、李四出席`: further nr names after `、` share the roles.
    fn name_list(&mut self, mut end: usize, roles: &[Box<str>], title: &str) {
        for _ in 0..6 {
            let Some(rest) = self.s.get(end..) else {
                return;
            };
            let Some(after) = rest.strip_prefix('、') else {
                return;
            };
            let at = self.s.len() - after.len();
            let Some(j) = self.tok_at(at) else { return };
            let t = &self.toks[j];
            let Some(range) = self.name_after_title(j) else {
                return;
            };
            // a bare word must be tagged as a name, a split one (李/红军) starts with a surname
            if range == t.range && !t.is_nr() && !proper_oov(t.word, t.tag) {
                return;
            }
            end = range.end;
            self.add_person(range, roles.to_vec(), Some(title.into()));
        }
    }

    /// Run `at` on every token whose `may` bits meet `may`, in order.
    fn each_candidate(&mut self, may: u8, at: fn(&mut Self, &Data, usize)) {
        let d = &*DATA;
        let mut i = 0;
        while let Some(k) = next_may(&self.toks, i, may) {
            at(self, d, k);
            i = k + 1;
        }
    }

    fn places(&mut self) {
        // nothing applies without a known place's or an administrative
        // ending (in the word or the next token) or an `ns` tag
        self.each_candidate(MAY_PLACE, Self::place_at);
    }

    /// Places from token `i` (two or more Han chars).
    #[inline(never)]
    fn place_at(&mut self, d: &Data, i: usize) {
        let t = &self.toks[i];
        let w = t.word;
        // stem + administrative ending as separate tokens: 斜塘/街道
        if let Some(u) = self.next_contiguous(i) {
            if u.lc & C_ADMIN_LAST != 0
                && is_admin(u)
                && (2..=5).contains(&t.chars())
                && !t.is_in(&SETS.stem_stop)
            {
                let strong =
                    t.is_place(d) || t.tag == "ns" || t.tag == "nz" || proper_oov(t.word, t.tag);
                if strong && !starts_quant(w) {
                    let range = t.range.start..u.range.end;
                    self.others.push(place(range));
                    return;
                }
            }
        }
        if t.is_place(d) {
            self.others.push(place(t.range.clone()));
            return;
        }
        // what follows needs an `ns` tag or an administrative ending
        // (all of which end with one of these characters)
        let admin_last = t.lc & C_ADMIN_LAST != 0;
        if t.tag != "ns" && !admin_last {
            return;
        }
        if t.is_in(&SETS.ns_stop)
            || starts_quant(w)
            || (matches!(t.last, '市' | '区')
                && ["城市", "城区", "社区", "园区", "景区"]
                    .iter()
                    .any(|e| w.ends_with(e)))
        {
            return;
        }
        // an administrative ending (`k` chars) after a stem of two or more chars
        let stem_ok = |stem: &str, k: usize| t.n >= k + 2 && !SETS.stem_stop.contains(stem);
        let admin_end = admin_last
            && ((t.n >= 1
                && matches!(
                    t.last,
                    '省' | '市' | '区' | '县' | '镇' | '乡' | '村' | '旗'
                )
                && stem_ok(&w[..w.len() - t.last.len_utf8()], 1))
                || (matches!(t.last, '道' | '区')
                    && ["街道", "社区", "新区"]
                        .iter()
                        .any(|a| w.strip_suffix(a).is_some_and(|stem| stem_ok(stem, 2)))));
        let feature = matches!(
            t.last,
            '河' | '江' | '湖' | '海' | '山' | '岛' | '湾' | '峡' | '港' | '岭' | '洲'
        );
        if (t.tag == "ns" && (admin_end || feature))
            || (admin_end && proper_oov(t.word, t.tag) && t.chars() <= 6)
        {
            self.others.push(place(t.range.clone()));
        }
    }

    fn orgs(&mut self) {
        // nothing applies without an ending, a glued organ ending (`局以`),
        // an `nt` tag or a known organization
        self.each_candidate(MAY_ORG, Self::org_at);
    }

    /// An organization ending at token `i` (all Han).
    #[inline(never)]
    fn org_at(&mut self, d: &Data, i: usize) {
        let t = &self.toks[i];
        let w = t.word;
        let mut end = t.range.end;
        let mut suffix = None;
        // the longest known ending of the word (none unless the last
        // character ends one)
        let n = t.chars();
        if t.lc & C_ORG_LAST != 0 {
            let skip = n.saturating_sub(d.org_suffix_max);
            for (k, (at, c)) in w.char_indices().enumerate().skip(skip) {
                let suf = &w[at..];
                if let Some(&kind) = d.org_suffixes.get_ends(suf, c, t.last) {
                    // a one-char organ ending needs a standalone char or a ≥ 2-char stem in the word
                    if kind == SuffixKind::Organ && at > 0 && k < 2 {
                        continue;
                    }
                    suffix = Some((suf, kind, &w[..at]));
                    break;
                }
            }
        }
        // `局以` / `办供`: jieba glued a function word to a one-char ending
        if suffix.is_none() && t.chars() == 2 && (w.starts_with('局') || w.starts_with('办')) {
            let glued = matches!(
                t.tag,
                "p" | "c" | "d" | "v" | "u" | "uj" | "ul" | "r" | "vn"
            ) && !matches!(
                w,
                "办法"
                    | "办理"
                    | "办公"
                    | "办好"
                    | "办学"
                    | "办事"
                    | "办案"
                    | "办成"
                    | "局面"
                    | "局势"
                    | "局长"
                    | "办实"
                    | "办到"
                    | "办结"
                    | "办件"
                    | "办证"
            );
            if glued {
                end = t.range.start + 3;
                suffix = Some((&w[..3], SuffixKind::Organ, ""));
            }
        }
        let Some((suf, kind, own_stem)) = suffix else {
            let whole = (t.tag == "nt" && t.chars() >= 3 && !t.is_in(&SETS.generic_org))
                || (t.lc & C_KNOWN_ORG_LAST != 0 && t.is_in(&SETS.known_orgs));
            if whole && !self.quant_before(t.range.start) {
                self.others.push(org(t.range.clone()));
            }
            return;
        };
        // a title is not an organization (市委常委, 宣传部长)
        if t.lc & C_TITLE_LAST != 0
            && w.char_indices()
                .any(|(k, c)| d.titles.get_ends(&w[k..], c, t.last).is_some())
        {
            return;
        }
        // material to the left; one-char tokens only as a run of fragments
        // right before the ending (高/实/集团: an unknown name)
        let mut start = t.range.start;
        let mut j = i;
        let mut singles = true;
        while j > 0 {
            let p = &self.toks[j - 1];
            if p.range.end != start {
                break;
            }
            let single =
                p.chars() == 1 && p.han && !p.is_in(&SETS.quant) && !is_function_tag(p.tag);
            if p.chars() == 1 {
                if !(single && singles) {
                    break;
                }
            } else {
                singles = false;
                if !material(p, true) {
                    break;
                }
            }
            if p.is_nr() && tok_shape(d, p) || p.is_in_titles(d) {
                break;
            }
            if more_chars_than(&self.s[p.range.start..end], 18) {
                break;
            }
            start = p.range.start;
            j -= 1;
        }
        // a verb does not start a name (召开/建设局), unless it names a department
        while j < i
            && matches!(self.toks[j].tag, "v" | "vn")
            && !(DEPT_WORDS.contains(&self.toks[j].word)
                && self.toks[j + 1..=i]
                    .iter()
                    .all(|x| x.tag == "n" || x.tag == "vn"))
        {
            start = self.toks[j + 1].range.start;
            j += 1;
        }
        if self.quant_before(start) {
            return;
        }
        let name = &self.s[start..end];
        let stem_len = char_count(name) - char_count(suf);
        if stem_len == 0 || SETS.generic_org.contains(name) || ends_not_org(name) {
            return;
        }
        if kind == SuffixKind::Organ && stem_len < 2 {
            return;
        }
        // something specific in the stem: a place, a proper or unknown word
        let stem_toks = &self.toks[j..=i];
        let specific = stem_toks.iter().enumerate().any(|(k, x)| {
            let part = if j + k == i { own_stem } else { x.word };
            if part.is_empty() {
                return false;
            }
            matches!(x.tag, "ns" | "nt" | "nz" | "j")
                || is_known_place(part)
                || (char_count(part) >= 2 && proper_oov(part, x.tag))
        }) || self.inside_place(start..end)
            || (t.tag == "nt" && !t.is_in(&SETS.generic_org))
            // a run of one-char fragments: an unknown name (高/实/集团)
            || stem_toks.windows(2).any(|p| p[0].chars() == 1 && p[1].chars() == 1 && p[1].range.end <= t.range.start);
        // a government organ named by its function: 行政审批局, 市委组织部
        let organ = matches!(kind, SuffixKind::Organ | SuffixKind::Plain)
            && stem_len >= 4
            && stem_toks.len() >= 2
            && matches!(suf, "局" | "部" | "办" | "厅" | "委员会");
        if specific || organ {
            self.others.push(org(start..end));
        }
    }

    fn quant_before(&self, at: usize) -> bool {
        self.tok_ending(at)
            .is_some_and(|k| self.toks[k].is_in(&SETS.quant) || self.toks[k].tag == "m")
    }

    fn inside_place(&self, r: Range<usize>) -> bool {
        self.others.iter().any(|c| {
            c.kind == EntityKind::Place && c.range.start >= r.start && c.range.end <= r.end
        })
    }

    fn finish(mut self, text: &str) -> Vec<Mention> {
        give_back(std::mem::take(&mut self.toks));
        // longest wins among organizations and places; people win over both
        self.others
            .sort_by_key(|c| (std::cmp::Reverse(c.range.len()), c.range.start, c.kind));
        let mut kept: Vec<Cand> = Vec::new();
        let s = self.s;
        // a name that is a whole book or magazine title (《斜塘河》) names the publication
        let titled = |r: &Range<usize>| {
            s.get(..r.start).is_some_and(|p| p.ends_with('《'))
                && s.get(r.end..).is_some_and(|n| n.starts_with('》'))
        };
        for c in std::mem::take(&mut self.others) {
            let overlaps = |r: &Range<usize>| r.start < c.range.end && c.range.start < r.end;
            if titled(&c.range)
                || kept.iter().any(|k| overlaps(&k.range))
                || self
                    .people
                    .iter()
                    .any(|p| p.confident && overlaps(&p.range))
            {
                continue;
            }
            kept.push(c);
        }
        // unconfirmed people inside organizations or places are not people
        self.people.retain(|p| {
            p.confident
                || !kept
                    .iter()
                    .any(|k| p.range.start < k.range.end && k.range.start < p.range.end)
        });
        // aliases in parentheses: 红岛经济区(高新区), 某某委员会(以下简称“某委”)
        let mut aliases = Vec::new();
        for k in &mut kept {
            if let Some((inner, alias)) = alias_after(self.s, k.range.end) {
                let name = &self.s[k.range.clone()];
                if alias != name && alias.chars().any(|c| name.contains(c)) {
                    k.aliases.push(alias.into());
                    aliases.push((inner, k.kind, k.range.clone(), alias.to_string()));
                }
            }
        }
        for (inner, kind, of, alias) in aliases {
            self.people
                .retain(|p| p.range.end <= inner.start || p.range.start >= inner.end);
            kept.retain(|k| k.range.end <= inner.start || k.range.start >= inner.end);
            kept.push(Cand {
                range: inner,
                kind,
                roles: Vec::new(),
                title: None,
                aliases: vec![alias.into()],
                confident: true,
            });
            // the alias mention's name is the full name
            if let Some(last) = kept.last_mut() {
                last.roles.clear();
                last.title = Some(self.s[of].into());
            }
        }
        kept.append(&mut self.people);
        kept.sort_by_key(|c| c.range.start);
        kept.into_iter()
            .filter_map(|c| {
                let written: Box<str> = text.get(c.range.clone())?.into();
                // for an alias the full name rode along in `title`
                let (name, title): (Box<str>, Option<Box<str>>) =
                    if c.kind != EntityKind::Person && c.title.is_some() {
                        (c.title.unwrap_or_default(), None)
                    } else {
                        (self.s.get(c.range.clone())?.into(), c.title)
                    };
                Some(Mention {
                    range: c.range,
                    kind: c.kind,
                    name,
                    written,
                    roles: c.roles,
                    title,
                    aliases: c.aliases,
                    confident: c.confident,
                })
            })
            .collect()
    }
}

fn place(range: Range<usize>) -> Cand {
    Cand {
        range,
        kind: EntityKind::Place,
        roles: Vec::new(),
        title: None,
        aliases: Vec::new(),
        confident: true,
    }
}

fn org(range: Range<usize>) -> Cand {
    Cand {
        kind: EntityKind::Org,
        ..place(range)
    }
}

/// Does `s` hold a separator of [`split_ws`]?
fn has_space(s: &str) -> bool {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    // some byte of `x` is `v` (no false answer either way)
    let has = |x: u64, v: u8| {
        let y = x ^ (LO * v as u64);
        y.wrapping_sub(LO) & !y & HI != 0
    };
    let b = s.as_bytes();
    // U+3000 is E3 80 80
    let ideographic = |at: usize| b.get(at..at + 3) == Some(&[0xE3, 0x80, 0x80][..]);
    let mut chunks = b.chunks_exact(8);
    let mut at = 0;
    for c in &mut chunks {
        let x = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        if has(x, b' ') || has(x, b'\t') {
            return true;
        }
        if has(x, 0xE3) && (at..at + 8).any(ideographic) {
            return true;
        }
        at += 8;
    }
    (at..b.len()).any(|i| matches!(b[i], b' ' | b'\t') || ideographic(i))
}

/// Whitespace-separated segments with their byte offsets.
fn split_ws(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split([' ', '\t', '\u{3000}'])
        .filter(|seg| !seg.is_empty())
        .map(move |seg| (offset_in(s, seg), seg))
}

/// Byte offset of `sub`, a subslice of `s`, in `s`.
fn offset_in(s: &str, sub: &str) -> usize {
    (sub.as_ptr() as usize).saturating_sub(s.as_ptr() as usize)
}

/// `(高新区)` or `（以下简称“市委”）` right at `at`: the alias and its byte range.
fn alias_after(s: &str, at: usize) -> Option<(Range<usize>, &str)> {
    let rest = s.get(at..)?;
    let open = if rest.starts_with('(') {
        1
    } else if rest.starts_with('（') {
        '（'.len_utf8()
    } else {
        return None;
    };
    let body = &rest[open..];
    let close = body.find([')', '）'])?;
    let inner = &body[..close];
    let mut a = inner;
    let mut lead = 0;
    for p in ["以下简称", "下称", "简称"] {
        if let Some(r) = a.strip_prefix(p) {
            lead += p.len();
            a = r;
            break;
        }
    }
    for q in ['“', '"', '「'] {
        if let Some(r) = a.strip_prefix(q) {
            lead += q.len_utf8();
            a = r;
        }
    }
    let a = a.trim_end_matches(['”', '"', '」']);
    let n = char_count(a);
    if !(2..=8).contains(&n) || !all_han(a) {
        return None;
    }
    let start = at + open + lead;
    Some((start..start + a.len(), a))
}

// ---------------------------------------------------------------- index

/// An entity of the document: every mention of one name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Canonical name (simplified script).
    pub name: String,
    pub kind: EntityKind,
    /// Titles and roles, in order of first appearance.
    pub roles: Vec<String>,
    /// Other names stated for it (`高新区`).
    pub aliases: Vec<String>,
    /// Written forms other than the canonical name (traditional script).
    pub variants: Vec<String>,
    /// Document byte ranges of its mentions, in order.
    pub mentions: Vec<Range<usize>>,
    /// 1-based line of the first mention, when the caller filled it in
    /// ([`EntityIndex::fill_lines`]).
    pub first_line: Option<usize>,
}

impl Entity {
    pub fn count(&self) -> usize {
        self.mentions.len()
    }

    pub fn first(&self) -> Range<usize> {
        self.mentions.first().cloned().unwrap_or(0..0)
    }
}

/// All entities of a document, with a position lookup.
#[derive(Debug, Clone, Default)]
pub struct EntityIndex {
    /// People first, then organizations, then places; most mentioned first.
    pub entities: Vec<Entity>,
    /// (mention range, entity) sorted by start.
    spans: Vec<(Range<usize>, usize)>,
}

/// Group the mentions of a document (`(block start, mentions)` per paragraph).
pub fn index(paras: &[(usize, &[Mention])]) -> EntityIndex {
    let mut by_key: HashMap<(EntityKind, &str), usize> = HashMap::new();
    let mut entities: Vec<Entity> = Vec::new();
    let mut spans: Vec<(Range<usize>, usize)> = Vec::new();
    for pass in 0..2 {
        for (off, ms) in paras {
            for m in ms.iter() {
                if m.confident != (pass == 0) {
                    continue;
                }
                let key = (m.kind, &*m.name);
                let idx = match by_key.get(&key) {
                    Some(&i) => i,
                    None if pass == 0 => {
                        entities.push(Entity {
                            name: m.name.to_string(),
                            kind: m.kind,
                            roles: Vec::new(),
                            aliases: Vec::new(),
                            variants: Vec::new(),
                            mentions: Vec::new(),
                            first_line: None,
                        });
                        by_key.insert(key, entities.len() - 1);
                        entities.len() - 1
                    }
                    None => continue,
                };
                let e = &mut entities[idx];
                let range = off + m.range.start..off + m.range.end;
                e.mentions.push(range.clone());
                for r in &m.roles {
                    if !e.roles.iter().any(|x| **x == **r) {
                        e.roles.push(r.to_string());
                    }
                }
                for a in &m.aliases {
                    if !e.aliases.iter().any(|x| **x == **a) && **a != *e.name {
                        e.aliases.push(a.to_string());
                    }
                }
                if *m.written != *m.name
                    && !m.aliases.iter().any(|a| **a == *m.written)
                    && !e.variants.iter().any(|x| **x == *m.written)
                {
                    e.variants.push(m.written.to_string());
                }
                spans.push((range, idx));
            }
        }
    }
    for e in &mut entities {
        e.mentions.sort_by_key(|r| r.start);
        // a role contained in a longer one adds nothing (常委 ⊂ 市南区常委)
        let all = e.roles.clone();
        e.roles
            .retain(|r| !all.iter().any(|o| o != r && o.ends_with(r.as_str())));
    }
    // stable order: kind, most mentioned, first mention
    let mut order: Vec<usize> = (0..entities.len()).collect();
    order.sort_by_key(|&i| {
        let e = &entities[i];
        (e.kind, std::cmp::Reverse(e.count()), e.first().start)
    });
    let mut remap = vec![0; entities.len()];
    for (new, &old) in order.iter().enumerate() {
        remap[old] = new;
    }
    let mut sorted: Vec<Option<Entity>> = entities.into_iter().map(Some).collect();
    let entities: Vec<Entity> = order.iter().filter_map(|&i| sorted[i].take()).collect();
    for s in &mut spans {
        s.1 = remap[s.1];
    }
    spans.sort_by_key(|(r, _)| (r.start, r.end));
    EntityIndex { entities, spans }
}

impl EntityIndex {
    /// The entity mentioned at document byte `offset` (the innermost mention).
    pub fn at(&self, offset: usize) -> Option<&Entity> {
        let upto = self.spans.partition_point(|(r, _)| r.start <= offset);
        self.spans[..upto]
            .iter()
            .rev()
            .take(8)
            .filter(|(r, _)| offset < r.end)
            .min_by_key(|(r, _)| r.len())
            .and_then(|(_, i)| self.entities.get(*i))
    }

    /// The mention range at `offset`, with its entity.
    pub fn mention_at(&self, offset: usize) -> Option<(Range<usize>, &Entity)> {
        let upto = self.spans.partition_point(|(r, _)| r.start <= offset);
        self.spans[..upto]
            .iter()
            .rev()
            .take(8)
            .filter(|(r, _)| offset < r.end)
            .min_by_key(|(r, _)| r.len())
            .and_then(|(r, i)| Some((r.clone(), self.entities.get(*i)?)))
    }

    pub fn of_kind(&self, kind: EntityKind) -> impl Iterator<Item = &Entity> {
        self.entities.iter().filter(move |e| e.kind == kind)
    }

    pub fn people(&self) -> impl Iterator<Item = &Entity> {
        self.of_kind(EntityKind::Person)
    }

    /// Entities whose name, alias or variant contains `query` (for workspace symbols).
    pub fn search<'a>(&'a self, query: &'a str) -> impl Iterator<Item = &'a Entity> {
        let q = nlp::to_simplified(query);
        self.entities.iter().filter(move |e| {
            q.is_empty()
                || e.name.contains(q.as_str())
                || e.aliases.iter().any(|a| a.contains(q.as_str()))
                || e.variants.iter().any(|v| v.contains(query))
        })
    }

    /// Fill in `first_line` (1-based) of every entity from the document text.
    pub fn fill_lines(&mut self, text: &str) {
        let mut firsts: Vec<(usize, usize)> = self
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.first().start, i))
            .collect();
        firsts.sort_unstable();
        let b = text.as_bytes();
        let (mut line, mut pos) = (1, 0);
        for (off, i) in firsts {
            let off = off.min(b.len());
            if off > pos {
                line += b[pos..off].iter().filter(|&&c| c == b'\n').count();
                pos = off;
            }
            if let Some(e) = self.entities.get_mut(i) {
                e.first_line = Some(line);
            }
        }
    }
}

/// Hover text for an entity, in Markdown: name, type, roles, mentions, first appearance.
pub fn hover_markdown(e: &Entity) -> String {
    let mut s = format!("**{}** · {}", e.name, e.kind.label());
    if !e.roles.is_empty() {
        s.push_str(&format!("\n\n职务：{}", e.roles.join("；")));
    }
    if !e.aliases.is_empty() {
        s.push_str(&format!("\n\n简称：{}", e.aliases.join("、")));
    }
    if !e.variants.is_empty() {
        s.push_str(&format!("\n\n其他写法：{}", e.variants.join("、")));
    }
    let first = match e.first_line {
        Some(l) => format!("，首次出现在第 {l} 行"),
        None => String::new(),
    };
    s.push_str(&format!("\n\n文中提及 {} 次{}", e.count(), first));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<Mention> {
        let s = nlp::to_simplified(text);
        let toks = nlp::tag(&nlp::jieba(), &s);
        recognize(text, &s, &toks)
    }

    fn of(text: &str, kind: EntityKind) -> Vec<String> {
        run(text)
            .into_iter()
            .filter(|m| m.kind == kind && m.confident)
            .map(|m| m.name.to_string())
            .collect()
    }

    fn people(text: &str) -> Vec<String> {
        of(text, EntityKind::Person)
    }

    fn person<'a>(ms: &'a [Mention], name: &str) -> &'a Mention {
        ms.iter()
            .find(|m| m.kind == EntityKind::Person && &*m.name == name)
            .unwrap_or_else(|| panic!("{name} not found in {ms:?}"))
    }

    #[test]
    fn data_loads() {
        assert!(is_surname("付") && is_surname("王"));
        assert!(DATA.compound_surnames.contains("欧阳"));
        assert!(is_known_place("青岛市") && is_known_place("青岛") && is_known_place("市南区"));
        assert!(is_known_place("朝阳区") && !is_known_place("朝阳"));
        assert!(is_title("宣传部长") && is_title("见习记者"));
        assert!(title_is_shared("记者") && !title_is_shared("宣传部长"));
        assert!(title_is_shared("副区长"));
    }

    #[test]
    fn name_shape() {
        for w in ["付荣云", "张伟", "欧阳明华", "司马南"] {
            assert!(person_shape(w), "{w}");
        }
        for w in [
            "文明",
            "道德",
            "高新区",
            "市南",
            "张先生",
            "解放思想",
            "双招双引",
            "王府井路",
        ] {
            assert!(!person_shape(w), "{w}");
        }
    }

    #[test]
    fn title_before_name() {
        let t = "11月1日，市南区召开座谈会，市南区常委、宣传部长付荣云出席会议并作讲话。";
        let ms = run(t);
        let p = person(&ms, "付荣云");
        assert_eq!(&t[p.range.clone()], "付荣云");
        assert_eq!(
            p.roles,
            vec!["市南区常委".into(), "宣传部长".into()] as Vec<Box<str>>
        );
        assert_eq!(p.title.as_deref(), Some("宣传部长"));
        assert!(p.confident);
        assert_eq!(
            people("贯彻落实省委书记娄勤俭在全省党委中心组学习会上的讲话精神"),
            ["娄勤俭"]
        );
        let ms = run("道德模范、汇慈体检中心院长丁继东则表示，解放思想，贵在行动。");
        assert_eq!(
            person(&ms, "丁继东").roles,
            vec!["道德模范".into(), "汇慈体检中心院长".into()] as Vec<Box<str>>
        );
        // jieba glues a verb to the name: 赵雪梅作
        assert_eq!(
            people("会上，社区卫生服务中心主任赵雪梅作了交流发言。"),
            ["赵雪梅"]
        );
        // a list after one title
        assert_eq!(
            people("副区长王建国、李红军分别带队检查安全生产工作。"),
            ["王建国", "李红军"]
        );
    }

    #[test]
    fn title_without_name() {
        assert!(people("记者从市南区了解到，今年以来全区共举办各类活动300余场。").is_empty());
        assert!(people("区委主要领导带队赴深圳考察，书记项目推进会随后召开。").is_empty());
        assert!(people("人大代表、政协委员围绕民生问题建言献策，道德模范代表发言。").is_empty());
        assert!(people("市民张先生告诉记者，家门口就能办事。").is_empty());
        assert!(people("常委会组成人员出席会议，主任委员会议审议通过了相关事项。").is_empty());
    }

    #[test]
    fn byline() {
        let t = "□半岛记者 高晓飞 通讯员 沈明书 李伟 滕媛";
        let ms = run(t);
        assert_eq!(people(t), ["高晓飞", "沈明书", "李伟", "滕媛"]);
        assert_eq!(&t[person(&ms, "滕媛").range.clone()], "滕媛");
        assert_eq!(
            person(&ms, "李伟").roles,
            vec!["通讯员".into()] as Vec<Box<str>>
        );
        assert_eq!(
            person(&ms, "高晓飞").roles,
            vec!["半岛记者".into()] as Vec<Box<str>>
        );
        assert_eq!(people("□文/半岛记者 胡蕾"), ["胡蕾"]);
        assert!(people("图/高新区宣推办供图").is_empty());
        assert_eq!(of("图/高新区宣推办供图", EntityKind::Org), ["高新区宣推办"]);
    }

    #[test]
    fn speaker_verbs_and_post_titles() {
        assert_eq!(
            people("付荣云指出，当前正在开展的大讨论活动十分重要。"),
            ["付荣云"]
        );
        assert_eq!(
            people("有着多年志愿服务经验的宋乐玉希望将志愿服务进行统一规范提升。"),
            ["宋乐玉"]
        );
        let ms = run("苏州市委常委、园区党工委吴庆文书记在园区党工委会议上讲话。");
        assert_eq!(
            person(&ms, "吴庆文").roles,
            vec!["苏州市委常委".into(), "园区党工委书记".into()] as Vec<Box<str>>
        );
        assert_eq!(people("司马南同志强调，要加强干部队伍建设。"), ["司马南"]);
        // not speakers
        for t in [
            "会议指出，要坚持以人民为中心的发展思想。",
            "大家表示，将以此次活动为契机，进一步弘扬文明新风。",
            "高新区表示将继续优化营商环境。",
            "专家认为，文明城市创建要常态化。",
            "有关负责人介绍，今年全区共新建文明实践站12个。",
        ] {
            assert!(people(t).is_empty(), "{t}: {:?}", people(t));
        }
    }

    #[test]
    fn non_names_are_never_people() {
        let t = "市南区召开“解放思想勇担当 文明先行我献策”道德模范专场座谈会，\
                 扎实推动公民思想道德建设，市南也要做到，围绕“双招双引”，在高新区签约落户。";
        let ms = run(t);
        for m in &ms {
            assert!(m.kind != EntityKind::Person, "{m:?}");
        }
    }

    #[test]
    fn unconfirmed_names_are_marked() {
        let ms = run("张伟讲授了专题党课。");
        let p = person(&ms, "张伟");
        assert!(!p.confident);
    }

    #[test]
    fn traditional_names_are_canonical() {
        let t = "見習記者羅武俠說，活動秩序良好。";
        let ms = run(t);
        let p = person(&ms, "罗武侠");
        assert_eq!(&*p.written, "羅武俠");
        assert_eq!(&t[p.range.clone()], "羅武俠");
        assert_eq!(
            people("區委書記歐陽明華在調研時強調，要堅持問題導向。"),
            ["欧阳明华"]
        );
    }

    #[test]
    fn organizations() {
        let orgs = |t: &str| of(t, EntityKind::Org);
        assert_eq!(orgs("高实集团着力抓好“四个结合”。"), ["高实集团"]);
        assert_eq!(orgs("市南区与中山大学合作举办培训班。"), ["中山大学"]);
        assert_eq!(
            orgs("组织市南区委理论学习中心组集中学习研讨。"),
            ["市南区委"]
        );
        assert_eq!(
            orgs("中共青岛市委宣传部主办，市委组织部协办。"),
            ["中共青岛市委宣传部", "市委组织部"]
        );
        assert_eq!(
            orgs("行政审批局以深入推进“一次办好”为切入点。"),
            ["行政审批局"]
        );
        assert_eq!(orgs("组织人事部召开人才工作专题研讨会。"), ["组织人事部"]);
        assert_eq!(
            orgs("学员们实地考察了广东超算中心、越秀区政务服务中心。"),
            ["广东超算中心", "越秀区政务服务中心"]
        );
        assert_eq!(
            orgs("10月25日，路演活动在上海成市南区金融办供图"),
            ["市南区金融办"]
        );
        assert_eq!(
            orgs("2018年12月18日上午，党中央、国务院召开大会。"),
            ["党中央", "国务院"]
        );
        // generic bodies and common words
        for t in [
            "全区300余个党组织参照区级做法迅速完成动员部署。",
            "各招商事业部通过现场模拟招商推介的形式相互比较学习。",
            "着力提升基层干部队伍理论素养和业务能力。",
            "围绕新旧动能转换总体布局和发展思路，该集团负责人表示将加大投入。",
            "街道党工委决定在街道广泛开展大讨论活动，组建推进小组办公室。",
            "由区委主要领导挂帅，认真贯彻落实市委决策部署。",
        ] {
            assert!(orgs(t).is_empty(), "{t}: {:?}", orgs(t));
        }
    }

    #[test]
    fn alias_in_parentheses() {
        let t = "红岛经济区(高新区)高度重视解放思想大讨论工作。";
        let ms = run(t);
        let orgs: Vec<&Mention> = ms.iter().filter(|m| m.kind == EntityKind::Org).collect();
        assert_eq!(orgs.len(), 2, "{ms:?}");
        assert_eq!(&*orgs[0].name, "红岛经济区");
        assert_eq!(orgs[0].aliases, vec!["高新区".into()] as Vec<Box<str>>);
        assert_eq!(&t[orgs[1].range.clone()], "高新区");
        assert_eq!(&*orgs[1].name, "红岛经济区");
        assert!(!ms.iter().any(|m| m.kind == EntityKind::Person));
        let t = "青岛市文明办（以下简称“文明办”）牵头组织。";
        let ms = run(t);
        let a = ms.iter().find(|m| &*m.written == "文明办").expect("alias");
        assert_eq!(&*a.name, "青岛市文明办");
        // 岭南(大学): not an alias (no shared character)
        assert!(run("在岭南(大学)学院举办培训班")
            .iter()
            .all(|m| m.aliases.is_empty()));
    }

    #[test]
    fn places() {
        let places = |t: &str| of(t, EntityKind::Place);
        assert_eq!(
            places("工委主要领导分别带队赴成都、长沙、杭州、苏州4地先进高新区取经。"),
            ["成都", "长沙", "杭州", "苏州"]
        );
        assert_eq!(
            places("推动斜塘街道高质量发展，按照省市区部署要求。"),
            ["斜塘街道"]
        );
        assert_eq!(
            places("组织50余名社区干部赴延安党性教育基地集中培训。"),
            ["延安"]
        );
        assert_eq!(
            places("2018年青岛市市南区重点企业优秀项目路演活动。"),
            ["青岛市", "市南区"]
        );
        assert_eq!(
            places("在崂山区王哥庄街道，村民告诉记者收成不错。"),
            ["崂山区", "王哥庄街道"]
        );
        for t in [
            "围绕老城区复兴发展，推动新旧动能转换。",
            "提振街道干部干事创业的精气神，拓宽街道干部视野。",
            "全面总结街道成立以来的成就，走在全区街道前列。",
            "文明城市创建工作全面铺开，把青岛建设得更加富有活力。",
            "在“斜塘之音”广播、《斜塘河》杂志开办专栏。",
        ] {
            let p = places(t);
            assert!(p.iter().all(|x| x == "青岛"), "{t}: {p:?}");
        }
    }

    #[test]
    fn index_groups_and_looks_up() {
        let p1 = run("市南区常委、宣传部长付荣云出席会议。");
        let p2 = run("付荣云指出，要扎实推进。张伟讲授了专题党课。");
        let ix = index(&[(0, &p1), (100, &p2)]);
        let fu: Vec<&Entity> = ix.people().collect();
        assert_eq!(fu.len(), 1, "{fu:?}"); // 张伟 is never confirmed
        assert_eq!(fu[0].count(), 2);
        assert_eq!(fu[0].roles, ["市南区常委", "宣传部长"]);
        let second = 100 + p2[0].range.start + 1;
        assert_eq!(ix.at(second).map(|e| e.name.as_str()), Some("付荣云"));
        assert!(ix.at(100 + "付荣云指出，要扎实推进。".len()).is_none());
        let md = hover_markdown(fu[0]);
        assert!(
            md.contains("**付荣云** · 人物") && md.contains("提及 2 次"),
            "{md}"
        );
        // an unconfirmed name joins a confirmed one
        let p3 = run("组织部长张伟带队。");
        let ix = index(&[(0, &p2), (100, &p3)]);
        let zhang = ix.people().find(|e| e.name == "张伟").expect("张伟");
        assert_eq!(zhang.count(), 2);
        assert_eq!(ix.search("荣云").count(), 1);
    }
}

#[cfg(test)]
mod prop {
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Any text: no panic, ranges on char boundaries, names are what the text says.
        #[test]
        fn ranges_are_sound(v in proptest::collection::vec(prop_oneof![
            Just("记者"), Just(" "), Just("\u{3000}"), Just("付荣云"), Just("宣传部长"), Just("、"),
            Just("("), Just("（"), Just(")"), Just("高新区"), Just("集团"), Just("局"), Just("说"),
            Just("□"), Just("文/"), Just("羅"), Just("欧阳"), Just("街道"), Just("市南区"), Just("a"),
            Just("，"), Just("表示"), Just("𠮷"), Just("\u{a0}"), Just("书记"), Just("简称“"),
        ], 0..24)) {
            let text: String = v.concat();
            for m in super::tests_support::run(&text) {
                prop_assert!(text.is_char_boundary(m.range.start) && text.is_char_boundary(m.range.end));
                prop_assert!(m.range.start < m.range.end && m.range.end <= text.len());
                prop_assert_eq!(&*m.written, &text[m.range.clone()]);
            }
        }
    }
}

#[cfg(test)]
mod tests_support {
    use super::*;

    pub fn run(text: &str) -> Vec<Mention> {
        let s = nlp::to_simplified(text);
        let toks = nlp::tag(&nlp::jieba(), &s);
        recognize(text, &s, &toks)
    }
}
