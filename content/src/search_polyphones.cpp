// The curated polyphone phrases (多音字词表) that pinyin() and initials() consult before a
// character's default Unihan reading. Only phrases whose reading differs from the defaults,
// or that the tests name, belong here; every syllable must be one of the character's Unihan
// readings (tests/content/test_search_pinyin.cpp checks each entry). Keep sorted by reading
// group; simplified characters only (text is folded before lookup).
#include "search_pinyin.hpp"

namespace bianmin::content::search {
namespace {

constexpr PolyphonePhrase kPhrases[] = {
    // 行: xíng by default; háng in trades and banks
    {"银行", "yin hang"}, {"行长", "hang zhang"}, {"行业", "hang ye"}, {"行情", "hang qing"},
    {"行列", "hang lie"}, {"行当", "hang dang"}, {"商行", "shang hang"}, {"支行", "zhi hang"},
    {"分行", "fen hang"}, {"总行", "zong hang"}, {"农行", "nong hang"}, {"工行", "gong hang"},
    {"建行", "jian hang"}, {"中行", "zhong hang"}, {"内行", "nei hang"}, {"外行", "wai hang"},
    {"农商行", "nong shang hang"},
    // 长: zhǎng by default (Unihan kMandarin); cháng for length and duration
    {"长辈", "zhang bei"}, {"长者", "zhang zhe"}, {"长期", "chang qi"}, {"长度", "chang du"},
    {"长途", "chang tu"}, {"长城", "chang cheng"}, {"长江", "chang jiang"},
    {"长寿", "chang shou"}, {"长久", "chang jiu"}, {"长远", "chang yuan"},
    {"长效", "chang xiao"}, {"长短", "chang duan"}, {"长假", "chang jia"},
    {"长沙", "chang sha"}, {"长春", "chang chun"}, {"长安", "chang an"},
    {"长征", "chang zheng"}, {"长处", "chang chu"}, {"长年", "chang nian"},
    {"长时间", "chang shi jian"}, {"长护", "chang hu"}, {"长跑", "chang pao"},
    {"长篇", "chang pian"}, {"长方形", "chang fang xing"}, {"延长", "yan chang"},
    {"特长", "te chang"}, {"擅长", "shan chang"}, {"专长", "zhuan chang"},
    {"漫长", "man chang"},
    // 重: zhòng by default; chóng for "again" and in place names
    {"重庆", "chong qing"}, {"重新", "chong xin"}, {"重复", "chong fu"},
    {"重建", "chong jian"}, {"重阳", "chong yang"}, {"重叠", "chong die"},
    {"重申", "chong shen"}, {"重审", "chong shen"}, {"重组", "chong zu"},
    {"重婚", "chong hun"}, {"重名", "chong ming"}, {"重合", "chong he"},
    {"重返", "chong fan"}, {"重逢", "chong feng"}, {"重启", "chong qi"},
    {"重印", "chong yin"}, {"重修", "chong xiu"}, {"重播", "chong bo"},
    {"重做", "chong zuo"}, {"重来", "chong lai"}, {"重温", "chong wen"},
    {"重整", "chong zheng"}, {"重置", "chong zhi"}, {"重装", "chong zhuang"},
    // 会: huì by default; kuài in accounting
    {"会计", "kuai ji"}, {"财会", "cai kuai"}, {"会稽", "kuai ji"},
    // 单: dān by default; shàn as a place name, chán in 单于
    {"单县", "shan xian"}, {"单于", "chan yu"},
    // 参: cān by default
    {"人参", "ren shen"}, {"党参", "dang shen"}, {"海参", "hai shen"}, {"参差", "cen ci"},
    // 便: biàn by default
    {"便宜", "pian yi"},
    // 调: diào by default; tiáo for mediating and adjusting
    {"调解", "tiao jie"}, {"调整", "tiao zheng"}, {"调节", "tiao jie"}, {"调和", "tiao he"},
    {"调剂", "tiao ji"}, {"调理", "tiao li"}, {"调控", "tiao kong"}, {"调价", "tiao jia"},
    {"调休", "tiao xiu"}, {"调处", "tiao chu"}, {"调试", "tiao shi"}, {"调味", "tiao wei"},
    {"空调", "kong tiao"}, {"协调", "xie tiao"},
    // 朝: cháo by default
    {"朝气", "zhao qi"}, {"朝夕", "zhao xi"}, {"今朝", "jin zhao"},
    // 曾: céng by default
    {"曾孙", "zeng sun"}, {"曾祖", "zeng zu"},
    // 藏: cáng by default
    {"西藏", "xi zang"}, {"藏族", "zang zu"}, {"宝藏", "bao zang"}, {"藏医", "zang yi"},
    // 乐: lè by default
    {"音乐", "yin yue"}, {"乐器", "yue qi"}, {"乐队", "yue dui"}, {"乐团", "yue tuan"},
    // 率: lǜ by default
    {"率领", "shuai ling"}, {"率先", "shuai xian"}, {"表率", "biao shuai"},
    {"草率", "cao shuai"}, {"坦率", "tan shuai"}, {"直率", "zhi shuai"},
    // 省: shěng by default
    {"反省", "fan xing"}, {"省亲", "xing qin"},
    // 校: xiào by default; jiào for checking
    {"校对", "jiao dui"}, {"校正", "jiao zheng"}, {"校准", "jiao zhun"},
    {"校验", "jiao yan"}, {"校核", "jiao he"},
    // 给: gěi by default; jǐ in written words (行政给付)
    {"给付", "ji fu"}, {"给予", "ji yu"}, {"供给", "gong ji"}, {"补给", "bu ji"},
    {"配给", "pei ji"}, {"自给", "zi ji"},
    // others whose initial changes with the reading
    {"投降", "tou xiang"}, {"传记", "zhuan ji"}, {"自传", "zi zhuan"},
    {"关卡", "guan qia"}, {"厦门", "xia men"}, {"阿胶", "e jiao"}, {"可恶", "ke wu"},
    {"厌恶", "yan wu"}, {"恐吓", "kong he"}, {"奇数", "ji shu"}, {"标识", "biao zhi"},
    {"湖泊", "hu po"}, {"提防", "di fang"}, {"膀胱", "pang guang"}, {"倔强", "jue jiang"},
    {"堵塞", "du se"}, {"阻塞", "zu se"}, {"圈养", "juan yang"}, {"对称", "dui chen"},
    {"称心", "chen xin"}, {"似的", "shi de"}, {"埋怨", "man yuan"}, {"弹性", "tan xing"},
    {"弹簧", "tan huang"}, {"巷道", "hang dao"},
};

}  // namespace

std::span<const PolyphonePhrase> polyphone_phrases() { return kPhrases; }

}  // namespace bianmin::content::search
