// Text → spoken Chinese → toned pinyin (kiosk/speech/reading.hpp), checked exactly: the demo
// township's own card sentences, number forms and polyphones. The expected readings were
// produced by the converter and then read through by a person; a change in any of them is
// a change in what villagers hear.
#include <doctest/doctest.h>

#include <string>

#include "bianmin/speech/reading.hpp"

using namespace bianmin::speech;

namespace {
struct Case {
  const char* text;
  const char* pinyin;
};

// Number forms, units, pauses, Latin words, masked data and polyphones.
const Case kForms[] = {
    {"2026年12月1日", "er4 ling2 er4 liu4 nian2 shi2 er4 yue4 yi1 ri4"},
    {"2026年12月1日起施行", "er4 ling2 er4 liu4 nian2 shi2 er4 yue4 yi1 ri4 qi3 shi1 xing2"},
    {"400元", "si4 bai3 yuan2"},
    {"3.5亩", "san1 dian3 wu3 mu3"},
    {"0.5亩", "ling2 dian3 wu3 mu3"},
    {"0739-4826100", "ling2 qi1 san1 jiu3, si4 ba1 er4 liu4 yao1 ling2 ling2"},
    {"湘政办发〔2025〕24号", "xiang1 zheng4 ban4 fa1, er4 ling2 er4 wu3, er4 shi2 si4 hao4"},
    {"残联发〔2017〕29号", "can2 lian2 fa1, er4 ling2 yi1 qi1, er4 shi2 jiu3 hao4"},
    {"80-89岁", "ba1 shi2 dao4 ba1 shi2 jiu3 sui4"},
    {"80～100元", "ba1 shi2 dao4 yi4 bai3 yuan2"},
    {"3-5个工作日", "san1 dao4 wu3 ge4 gong1 zuo4 ri4"},
    {"2026-01-15", "er4 ling2 er4 liu4 nian2 yi1 yue4 shi2 wu3 ri4"},
    {"2026.1.15", "er4 ling2 er4 liu4 nian2 yi1 yue4 shi2 wu3 ri4"},
    {"8:30", "ba1 dian3 san1 shi2 fen1"},
    {"8:05", "ba1 dian3 ling2 wu3 fen1"},
    {"12:00", "shi2 er4 dian3"},
    {"9:00-17:00", "jiu3 dian3 dao4 shi2 qi1 dian3"},
    {"周一至周五 8:30-12:00, 14:00-17:30",
     "zhou1 yi1 zhi4 zhou1 wu3 ba1 dian3 san1 shi2 fen1 dao4 shi2 er4 dian3, shi2 si4 dian3 dao4 shi2 qi1 dian3 san1 "
     "shi2 fen1"},
    {"打110", "da3 yao1 yao1 ling2"},
    {"拨打12345", "bo1 da3 yao1 er4 san1 si4 wu3"},
    {"13800138000", "yao1 san1 ba1 ling2 ling2 yao1 san1 ba1 ling2 ling2 ling2"},
    {"1,234.56元", "yi4 qian1 er4 bai3 san1 shi2 si4 dian3 wu3 liu4 yuan2"},
    {"12,000元", "yi2 wan4 er4 qian1 yuan2"},
    {"50%", "bai3 fen1 zhi1 wu3 shi2"},
    {"第2条", "di4 er4 tiao2"},
    {"第十二条", "di4 shi2 er4 tiao2"},
    {"2寸照片", "liang3 cun4 zhao4 pian4"},
    {"2个月", "liang3 ge4 yue4"},
    {"2月", "er4 yue4"},
    {"2号窗口", "er4 hao4 chuang1 kou3"},
    {"2000元", "liang3 qian1 yuan2"},
    {"20000元", "liang3 wan4 yuan2"},
    {"200元", "er4 bai3 yuan2"},
    {"10元", "shi2 yuan2"},
    {"15元", "shi2 wu3 yuan2"},
    {"110元", "yi4 bai3 yi1 shi2 yuan2"},
    {"10050元", "yi2 wan4 ling2 wu3 shi2 yuan2"},
    {"100010元", "shi2 wan4 ling2 yi1 shi2 yuan2"},
    {"1000000元", "yi4 bai3 wan4 yuan2"},
    {"30万元", "san1 shi2 wan4 yuan2"},
    {"1.5万元", "yi1 dian3 wu3 wan4 yuan2"},
    {"一个", "yi2 ge4"},
    {"一次", "yi2 ci4"},
    {"一样", "yi2 yang4"},
    {"一起", "yi4 qi3"},
    {"一般", "yi4 ban1"},
    {"一律", "yi2 lv4"},
    {"一并", "yi2 bing4"},
    {"一定", "yi2 ding4"},
    {"不要", "bu2 yao4"},
    {"不用", "bu2 yong4"},
    {"不是", "bu2 shi4"},
    {"不会", "bu2 hui4"},
    {"不收费", "bu4 shou1 fei4"},
    {"不能", "bu4 neng2"},
    {"统一", "tong3 yi1"},
    {"唯一", "wei2 yi1"},
    {"第一", "di4 yi1"},
    {"周一", "zhou1 yi1"},
    {"十一月", "shi2 yi1 yue4"},
    {"银行", "yin2 hang2"},
    {"银行行长", "yin2 hang2 hang2 zhang3"},
    {"重新", "chong2 xin1"},
    {"重复", "chong2 fu4"},
    {"行政", "xing2 zheng4"},
    {"长辈", "zhang3 bei4"},
    {"长期", "chang2 qi1"},
    {"会计", "kuai4 ji4"},
    {"调整", "tiao2 zheng3"},
    {"空调", "kong1 tiao2"},
    {"给予", "ji3 yu3"},
    {"认为", "ren4 wei2"},
    {"作为", "zuo4 wei2"},
    {"处理", "chu3 li3"},
    {"相应", "xiang1 ying4"},
    {"适当", "shi4 dang4"},
    {"变更", "bian4 geng1"},
    {"请假", "qing3 jia4"},
    {"了解", "liao3 jie3"},
    {"要求", "yao1 qiu2"},
    {"目的", "mu4 di4"},
    {"子女", "zi3 nv3"},
    {"下载APP", "xia4 zai4 ying4 yong4"},
    {"输入PIN码", "shu1 ru4 mi4 ma3"},
    {"扫码打开https://zwfw.example.gov.cn/item/1", "sao3 ma3 da3 kai1"},
    {"户主张*华", "hu4 zhu3"},
    {"身份证430***********1234", "shen1 fen4 zheng4"},
    {"卡号6217000000000000000", "ka3 hao4"},
    {"面积120㎡", "mian4 ji1 yi4 bai3 er4 shi2 ping2 fang1 mi3"},
    {"气温-5℃", "qi4 wen1 fu4 wu3 she4 shi4 du4"},
    {"5km", "wu3 gong1 li3"},
    {"50kg", "wu3 shi2 gong1 jin1"},
    {"元/月", "yuan2 mei3 yue4"},
    {"每人每月480元。", "mei3 ren2 mei3 yue4 si4 bai3 ba1 shi2 yuan2."},
    {"你好！请问？", "ni3 hao3. qing3 wen4."},
    {"鉴定为C级或D级危房", "jian4 ding4 wei2 xi1 ji2 huo4 di2 ji2 wei1 fang2"},
    {"B超检查", "bi3 chao1 jian3 cha2"},
    {"免费接种流感疫苗", "mian3 fei4 jie1 zhong4 liu2 gan3 yi4 miao2"},
    {"每周二、周四上午8:00-11:30", "mei3 zhou1 er4, zhou1 si4 shang4 wu3 ba1 dian3 dao4 shi2 yi1 dian3 san1 shi2 fen1"},
    {"《残疾人证管理办法》", "can2 ji2 ren2 zheng4 guan3 li3 ban4 fa3"},
    {"（一）申请", "yi1, shen1 qing3"},
};

// Every short field of the demo's 明白卡 (content/demo/cards/*.yaml), as written there.
const Case kDemo[] = {
    {"残疾人两项补贴明白卡", "can2 ji2 ren2 liang3 xiang4 bu3 tie1 ming2 bai2 ka3"},
    {"持残疾人证的低保家庭残疾人（生活补贴）；一二级和三四级智力精神残疾人（护理补贴）",
     "chi2 can2 ji2 ren2 zheng4 de5 di1 bao3 jia1 ting2 can2 ji2 ren2, sheng1 huo2 bu3 tie1, yi1 er4 ji2 he2 san1 si4 "
     "ji2 zhi4 li4 jing1 shen2 can2 ji2 ren2, hu4 li3 bu3 tie1"},
    {"本村代办点；镇便民服务中心1号窗口；手机也能办",
     "ben3 cun1 dai4 ban4 dian3, zhen4 bian4 min2 fu2 wu4 zhong1 xin1 yi1 hao4 chuang1 kou3, shou3 ji1 ye3 neng2 ban4"},
    {"随时可以申请", "sui2 shi2 ke3 yi3 shen1 qing3"},
    {"15个工作日审核，次月起按月打卡", "shi2 wu3 ge4 gong1 zuo4 ri4 shen3 he2, ci4 yue4 qi3 an4 yue4 da3 ka3"},
    {"不收费；生活补贴每月90元，护理补贴每月80-100元",
     "bu4 shou1 fei4, sheng1 huo2 bu3 tie1 mei3 yue4 jiu3 shi2 yuan2, hu4 li3 bu3 tie1 mei3 yue4 ba1 shi2 dao4 yi4 "
     "bai3 yuan2"},
    {"民政办 0739-4826111；残联 0739-4826118",
     "min2 zheng4 ban4 ling2 qi1 san1 jiu3, si4 ba1 er4 liu4 yao1 yao1 yao1, can2 lian2 ling2 qi1 san1 jiu3, si4 ba1 "
     "er4 liu4 yao1 yao1 ba1"},
    {"办残疾人证明白卡", "ban4 can2 ji2 ren2 zheng4 ming2 bai2 ka3"},
    {"有视力、听力、言语、肢体、智力、精神残疾的本县户籍居民",
     "you3 shi4 li4, ting1 li4, yan2 yu3, zhi1 ti3, zhi4 li4, jing1 shen2 can2 ji2 de5 ben3 xian4 hu4 ji2 ju1 min2"},
    {"镇便民服务中心8号窗口（残联）或本村代办点",
     "zhen4 bian4 min2 fu2 wu4 zhong1 xin1 ba1 hao4 chuang1 kou3, can2 lian2, huo4 ben3 cun1 dai4 ban4 dian3"},
    {"随时可以申请；卧床的可申请医生上门评残",
     "sui2 shi2 ke3 yi3 shen1 qing3, wo4 chuang2 de5 ke3 shen1 qing3 yi1 sheng1 shang4 men2 ping2 can2"},
    {"评残后20个工作日内发证", "ping2 can2 hou4 er4 shi2 ge4 gong1 zuo4 ri4 nei4 fa1 zheng4"},
    {"办证和评残都不收费", "ban4 zheng4 he2 ping2 can2 dou1 bu4 shou1 fei4"},
    {"残联 0739-4826118", "can2 lian2 ling2 qi1 san1 jiu3, si4 ba1 er4 liu4 yao1 yao1 ba1"},
    {"创业担保贷款明白卡", "chuang4 ye4 dan1 bao3 dai4 kuan3 ming2 bai2 ka3"},
    {"返乡创业农民工、退役军人、脱贫人口、高校毕业生等，已办营业执照的",
     "fan3 xiang1 chuang4 ye4 nong2 min2 gong1, tui4 yi4 jun1 ren2, tuo1 pin2 ren2 kou3, gao1 xiao4 bi4 ye4 sheng1 "
     "deng3, yi3 ban4 ying2 ye4 zhi2 zhao4 de5"},
    {"镇便民服务中心4号窗口初审", "zhen4 bian4 min2 fu2 wu4 zhong1 xin1 si4 hao4 chuang1 kou3 chu1 shen3"},
    {"约18个工作日放款", "yue1 shi2 ba1 ge4 gong1 zuo4 ri4 fang4 kuan3"},
    {"不用抵押；个人最高30万元，财政贴息",
     "bu2 yong4 di3 ya1, ge4 ren2 zui4 gao1 san1 shi2 wan4 yuan2, cai2 zheng4 tie1 xi1"},
    {"就业服务站 0739-4826114", "jiu4 ye4 fu2 wu4 zhan4 ling2 qi1 san1 jiu3, si4 ba1 er4 liu4 yao1 yao1 si4"},
    {"路坏了、桥有问题怎么报", "lu4 huai4 le5, qiao2 you3 wen4 ti2 zen3 me5 bao4"},
    {"任何人看到村道坑洼、塌方落石、护栏坏了、路灯不亮、桥有裂缝都可以报",
     "ren4 he2 ren2 kan4 dao4 cun1 dao4 keng1 wa1, ta1 fang1 luo4 shi2, hu4 lan2 huai4 le5, lu4 deng1 bu2 liang4, "
     "qiao2 you3 lie4 feng4 dou1 ke3 yi3 bao4"},
    {"告诉本村路长（名字电话在村口公示牌上）；或打镇交管站电话；或扫下方二维码",
     "gao4 su4 ben3 cun1 lu4 zhang3, ming2 zi4 dian4 hua4 zai4 cun1 kou3 gong1 shi4 pai2 shang4, huo4 da3 zhen4 jiao1 "
     "guan3 zhan4 dian4 hua4, huo4 sao3 xia4 fang1 er4 wei2 ma3"},
    {"随时；塌方落石等危险情况先打110",
     "sui2 shi2, ta1 fang1 luo4 shi2 deng3 wei1 xian3 qing2 kuang4 xian1 da3 yao1 yao1 ling2"},
    {"1个工作日内有人到现场，小修5个工作日内修好",
     "yi2 ge4 gong1 zuo4 ri4 nei4 you3 ren2 dao4 xian4 chang3, xiao3 xiu1 wu3 ge4 gong1 zuo4 ri4 nei4 xiu1 hao3"},
    {"不收费", "bu4 shou1 fei4"},
    {"交管站 0739-4826126", "jiao1 guan3 zhan4 ling2 qi1 san1 jiu3, si4 ba1 er4 liu4 yao1 er4 liu4"},
    {"电动自行车上牌明白卡", "dian4 dong4 zi4 xing2 che1 shang4 pai2 ming2 bai2 ka3"},
    {"买了符合国家标准电动自行车的本县居民",
     "mai3 le5 fu2 he2 guo2 jia1 biao1 zhun3 dian4 dong4 zi4 xing2 che1 de5 ben3 xian4 ju1 min2"},
    {"镇便民服务中心13号窗口（交警中队）",
     "zhen4 bian4 min2 fu2 wu4 zhong1 xin1 shi2 san1 hao4 chuang1 kou3, jiao1 jing3 zhong1 dui4"},
    {"工作日办公时间", "gong1 zuo4 ri4 ban4 gong1 shi2 jian1"},
    {"当场上牌", "dang1 chang3 shang4 pai2"},
    {"交警中队 0739-4826128", "jiao1 jing3 zhong1 dui4 ling2 qi1 san1 jiu3, si4 ba1 er4 liu4 yao1 er4 ba1"},
    {"低保申请明白卡", "di1 bao3 shen1 qing3 ming2 bai2 ka3"},
    {"全家每人每月收入不到480元（农村）、没有多余房子车子和大额存款的本县家庭",
     "quan2 jia1 mei3 ren2 mei3 yue4 shou1 ru4 bu2 dao4 si4 bai3 ba1 shi2 yuan2, nong2 cun1, mei2 you3 duo1 yu2 fang2 "
     "zi5 che1 zi5 he2 da4 e2 cun2 kuan3 de5 ben3 xian4 jia1 ting2"},
    {"本村代办点；或镇便民服务中心1号窗口",
     "ben3 cun1 dai4 ban4 dian3, huo4 zhen4 bian4 min2 fu2 wu4 zhong1 xin1 yi1 hao4 chuang1 kou3"},
    {"20个工作日内答复（含入户调查和村里公示7天）",
     "er4 shi2 ge4 gong1 zuo4 ri4 nei4 da2 fu4, han2 ru4 hu4 diao4 cha2 he2 cun1 li3 gong1 shi4 qi1 tian1"},
    {"不收费，不用找人、不用送礼", "bu4 shou1 fei4, bu2 yong4 zhao3 ren2, bu2 yong4 song4 li3"},
    {"民政办 0739-4826111；投诉 0739-4826123",
     "min2 zheng4 ban4 ling2 qi1 san1 jiu3, si4 ba1 er4 liu4 yao1 yao1 yao1, tou2 su4 ling2 qi1 san1 jiu3, si4 ba1 er4 "
     "liu4 yao1 er4 san1"},
    {"冬季取暖安全明白卡", "dong1 ji4 qu3 nuan3 an1 quan2 ming2 bai2 ka3"},
    {"冬天烧炭火、用电烤炉、电热毯取暖的家庭，特别是独居老人",
     "dong1 tian1 shao1 tan4 huo3, yong4 dian4 kao3 lu2, dian4 re4 tan3 qu3 nuan3 de5 jia1 ting2, te4 bie2 shi4 du2 "
     "ju1 lao3 ren2"},
    {"镇应急办可免费上门检查，低保特困和独居老人免费装烟感报警器",
     "zhen4 ying4 ji2 ban4 ke3 mian3 fei4 shang4 men2 jian3 cha2, di1 bao3 te4 kun4 he2 du2 ju1 lao3 ren2 mian3 fei4 "
     "zhuang1 yan1 gan3 bao4 jing3 qi4"},
    {"每年11月至次年3月", "mei3 nian2 shi2 yi1 yue4 zhi4 ci4 nian2 san1 yue4"},
    {"预约后5个工作日内上门", "yu4 yue1 hou4 wu3 ge4 gong1 zuo4 ri4 nei4 shang4 men2"},
    {"检查不收费", "jian3 cha2 bu4 shou1 fei4"},
    {"火警119；急救120；应急办 0739-4826127",
     "huo3 jing3 yao1 yao1 jiu3, ji2 jiu4 yao1 er4 ling2, ying4 ji2 ban4 ling2 qi1 san1 jiu3, si4 ba1 er4 liu4 yao1 "
     "er4 qi1"},
    {"防范电信诈骗明白卡", "fang2 fan4 dian4 xin4 zha4 pian4 ming2 bai2 ka3"},
    {"每一位村民，特别是老人和在外读书、打工的年轻人",
     "mei3 yi2 wei4 cun1 min2, te4 bie2 shi4 lao3 ren2 he2 zai4 wai4 du2 shu1, da3 gong1 de5 nian2 qing1 ren2"},
    {"拿不准就到派出所（镇便民服务中心9号窗口）或村里问一问",
     "na2 bu4 zhun3 jiu4 dao4 pai4 chu1 suo3, zhen4 bian4 min2 fu2 wu4 zhong1 xin1 jiu3 hao4 chuang1 kou3, huo4 cun1 "
     "li3 wen4 yi2 wen4"},
    {"接到自称公检法、客服、领导、亲友借钱的电话时",
     "jie1 dao4 zi4 cheng1 gong1 jian3 fa3, ke4 fu2, ling3 dao3, qin1 you3 jie4 qian2 de5 dian4 hua4 shi2"},
    {"被骗后马上打110，越早越有可能追回",
     "bei4 pian4 hou4 ma3 shang4 da3 yao1 yao1 ling2, yue4 zao3 yue4 you3 ke3 neng2 zhui1 hui2"},
    {"政府发补贴、办社保从来不收手续费，不要验证码",
     "zheng4 fu3 fa1 bu3 tie1, ban4 she4 bao3 cong2 lai2 bu4 shou1 shou3 xu4 fei4, bu2 yao4 yan4 zheng4 ma3"},
    {"报警110；派出所 0739-4826110；反诈专线96110",
     "bao4 jing3 yao1 yao1 ling2, pai4 chu1 suo3 ling2 qi1 san1 jiu3, si4 ba1 er4 liu4 yao1 yao1 ling2, fan3 zha4 "
     "zhuan1 xian4 jiu3 liu4 yao1 yao1 ling2"},
    {"80岁以上老人领高龄津贴", "ba1 shi2 sui4 yi3 shang4 lao3 ren2 ling3 gao1 ling2 jin1 tie1"},
    {"年满80周岁的本县户籍老人", "nian2 man3 ba1 shi2 zhou1 sui4 de5 ben3 xian4 hu4 ji2 lao3 ren2"},
    {"本村代办点；或镇便民服务中心1号窗口；行动不便可电话预约上门",
     "ben3 cun1 dai4 ban4 dian3, huo4 zhen4 bian4 min2 fu2 wu4 zhong1 xin1 yi1 hao4 chuang1 kou3, xing2 dong4 bu2 "
     "bian4 ke3 dian4 hua4 yu4 yue1 shang4 men2"},
    {"满80周岁当月起登记，一次登记长期有效",
     "man3 ba1 shi2 zhou1 sui4 dang4 yue4 qi3 deng1 ji4, yi2 ci4 deng1 ji4 chang2 qi1 you3 xiao4"},
    {"次月起按月打到社保卡", "ci4 yue4 qi3 an4 yue4 da3 dao4 she4 bao3 ka3"},
    {"不收费；每月80-89岁50元，90-99岁100元，100岁以上500元",
     "bu4 shou1 fei4, mei3 yue4 ba1 shi2 dao4 ba1 shi2 jiu3 sui4 wu3 shi2 yuan2, jiu3 shi2 dao4 jiu3 shi2 jiu3 sui4 "
     "yi4 bai3 yuan2, yi4 bai3 sui4 yi3 shang4 wu3 bai3 yuan2"},
    {"民政办 0739-4826111", "min2 zheng4 ban4 ling2 qi1 san1 jiu3, si4 ba1 er4 liu4 yao1 yao1 yao1"},
    {"村组干部上门登记，或到本村代办点申报",
     "cun1 zu3 gan4 bu4 shang4 men2 deng1 ji4, huo4 dao4 ben3 cun1 dai4 ban4 dian3 shen1 bao4"},
    {"每年4月1日至6月30日申报，11月前后发放",
     "mei3 nian2 si4 yue4 yi1 ri4 zhi4 liu4 yue4 san1 shi2 ri4 shen1 bao4, shi2 yi1 yue4 qian2 hou4 fa1 fang4"},
    {"村里公示7天，县里审定后打到一卡通",
     "cun1 li3 gong1 shi4 qi1 tian1, xian4 li3 shen3 ding4 hou4 da3 dao4 yi4 ka3 tong1"},
    {"不收费；2026年每亩108.35元",
     "bu4 shou1 fei4, er4 ling2 er4 liu4 nian2 mei3 mu3 yi4 bai3 ling2 ba1 dian3 san1 wu3 yuan2"},
    {"农业农村办 0739-4826115", "nong2 ye4 nong2 cun1 ban4 ling2 qi1 san1 jiu3, si4 ba1 er4 liu4 yao1 yao1 wu3"},
    {"申请村里公益性岗位", "shen1 qing3 cun1 li3 gong1 yi4 xing4 gang3 wei4"},
    {"家里困难、有残疾或年纪大、外出打工难，能干保洁护林等活的本县村民",
     "jia1 li3 kun4 nan2, you3 can2 ji2 huo4 nian2 ji4 da4, wai4 chu1 da3 gong1 nan2, neng2 gan4 bao3 jie2 hu4 lin2 "
     "deng3 huo2 de5 ben3 xian4 cun1 min2"},
    {"村委会或镇便民服务中心4号窗口报名",
     "cun1 wei3 hui4 huo4 zhen4 bian4 min2 fu2 wu4 zhong1 xin1 si4 hao4 chuang1 kou3 bao4 ming2"},
    {"看村务公开栏的岗位公告", "kan4 cun1 wu4 gong1 kai1 lan2 de5 gang3 wei4 gong1 gao4"},
    {"村民代表评议公示后15个工作日内签协议",
     "cun1 min2 dai4 biao3 ping2 yi4 gong1 shi4 hou4 shi2 wu3 ge4 gong1 zuo4 ri4 nei4 qian1 xie2 yi4"},
    {"不收费；每月岗位补贴600元", "bu4 shou1 fei4, mei3 yue4 gang3 wei4 bu3 tie1 liu4 bai3 yuan2"},
    {"计生家庭奖励扶助明白卡", "ji4 sheng1 jia1 ting2 jiang3 li4 fu2 zhu4 ming2 bai2 ka3"},
    {"农村户口、只有一个孩子或两个女孩、年满60周岁的夫妻",
     "nong2 cun1 hu4 kou3, zhi3 you3 yi2 ge4 hai2 zi5 huo4 liang3 ge4 nv3 hai2, nian2 man3 liu4 shi2 zhou1 sui4 de5 "
     "fu1 qi1"},
    {"本村代办点，或镇便民服务中心6号窗口",
     "ben3 cun1 dai4 ban4 dian3, huo4 zhen4 bian4 min2 fu2 wu4 zhong1 xin1 liu4 hao4 chuang1 kou3"},
    {"每年1月1日至3月31日申报，领过的不用重报",
     "mei3 nian2 yi1 yue4 yi1 ri4 zhi4 san1 yue4 san1 shi2 yi1 ri4 shen1 bao4, ling3 guo4 de5 bu2 yong4 chong2 bao4"},
    {"两级公示后年底前打卡", "liang3 ji2 gong1 shi4 hou4 nian2 di3 qian2 da3 ka3"},
    {"不收费；每人每年960元", "bu4 shou1 fei4, mei3 ren2 mei3 nian2 jiu3 bai3 liu4 shi2 yuan2"},
    {"卫健办 0739-4826116", "wei4 jian4 ban4 ling2 qi1 san1 jiu3, si4 ba1 er4 liu4 yao1 yao1 liu4"},
    {"就业登记明白卡", "jiu4 ye4 deng1 ji4 ming2 bai2 ka3"},
    {"手机上登记；或本村代办点；或镇便民服务中心4号窗口",
     "shou3 ji1 shang4 deng1 ji4, huo4 ben3 cun1 dai4 ban4 dian3, huo4 zhen4 bian4 min2 fu2 wu4 zhong1 xin1 si4 hao4 "
     "chuang1 kou3"},
    {"找到工作后随时登记，换工作要变更",
     "zhao3 dao4 gong1 zuo4 hou4 sui2 shi2 deng1 ji4, huan4 gong1 zuo4 yao4 bian4 geng1"},
    {"当场办好", "dang1 chang3 ban4 hao3"},
    {"不收费；登记后可申请交通补助、培训补贴等",
     "bu4 shou1 fei4, deng1 ji4 hou4 ke3 shen1 qing3 jiao1 tong1 bu3 zhu4, pei2 xun4 bu3 tie1 deng3"},
    {"老年人优待证明白卡", "lao3 nian2 ren2 you1 dai4 zheng4 ming2 bai2 ka3"},
    {"手机上办；或本村代办点；或镇便民服务中心1号窗口",
     "shou3 ji1 shang4 ban4, huo4 ben3 cun1 dai4 ban4 dian3, huo4 zhen4 bian4 min2 fu2 wu4 zhong1 xin1 yi1 hao4 "
     "chuang1 kou3"},
    {"随时", "sui2 shi2"},
    {"当场办好，需要卡片的当场打印", "dang1 chang3 ban4 hao3, xu1 yao4 ka3 pian4 de5 dang1 chang3 da3 yin4"},
    {"不收费，窗口免费拍照", "bu4 shou1 fei4, chuang1 kou3 mian3 fei4 pai1 zhao4"},
    {"遇到急难怎么求助", "yu4 dao4 ji2 nan2 zen3 me5 qiu2 zhu4"},
    {"本村代办点、镇民政办1号窗口，或打电话求助",
     "ben3 cun1 dai4 ban4 dian3, zhen4 min2 zheng4 ban4 yi1 hao4 chuang1 kou3, huo4 da3 dian4 hua4 qiu2 zhu4"},
    {"随时；情况紧急的先救助后补手续", "sui2 shi2, qing2 kuang4 jin3 ji2 de5 xian1 jiu4 zhu4 hou4 bu3 shou3 xu4"},
    {"急难的24小时内拿到救急钱；一般10个工作日",
     "ji2 nan2 de5 er4 shi2 si4 xiao3 shi2 nei4 na2 dao4 jiu4 ji2 qian2, yi4 ban1 shi2 ge4 gong1 zuo4 ri4"},
    {"民政办 0739-4826111；夜间打12345",
     "min2 zheng4 ban4 ling2 qi1 san1 jiu3, si4 ba1 er4 liu4 yao1 yao1 yao1, ye4 jian1 da3 yao1 er4 san1 si4 wu3"},
    {"森林防火明白卡", "sen1 lin2 fang2 huo3 ming2 bai2 ka3"},
    {"提前3天向村委会或镇便民服务中心12号窗口（林业站）申请",
     "ti2 qian2 san1 tian1 xiang4 cun1 wei3 hui4 huo4 zhen4 bian4 min2 fu2 wu4 zhong1 xin1 shi2 er4 hao4 chuang1 kou3, "
     "lin2 ye4 zhan4, shen1 qing3"},
    {"每年10月1日至次年4月30日防火期内用火都要批",
     "mei3 nian2 shi2 yue4 yi1 ri4 zhi4 ci4 nian2 si4 yue4 san1 shi2 ri4 fang2 huo3 qi1 nei4 yong4 huo3 dou1 yao4 pi1"},
    {"2个工作日内答复，用火时护林员到场",
     "liang3 ge4 gong1 zuo4 ri4 nei4 da2 fu4, yong4 huo3 shi2 hu4 lin2 yuan2 dao4 chang3"},
    {"不收费；私自用火罚款200元至3000元",
     "bu4 shou1 fei4, si1 zi4 yong4 huo3 fa2 kuan3 er4 bai3 yuan2 zhi4 san1 qian1 yuan2"},
    {"林业站 0739-4826121；火警119",
     "lin2 ye4 zhan4 ling2 qi1 san1 jiu3, si4 ba1 er4 liu4 yao1 er4 yao1, huo3 jing3 yao1 yao1 jiu3"},
    {"办身份证明白卡", "ban4 shen1 fen4 zheng4 ming2 bai2 ka3"},
    {"第一次办证、证件到期、丢了或坏了的人；外省人也可在这里换证补证",
     "di4 yi1 ci4 ban4 zheng4, zheng4 jian4 dao4 qi1, diu1 le5 huo4 huai4 le5 de5 ren2, wai4 sheng3 ren2 ye3 ke3 zai4 "
     "zhe4 li3 huan4 zheng4 bu3 zheng4"},
    {"镇便民服务中心9号窗口，本人到场拍照",
     "zhen4 bian4 min2 fu2 wu4 zhong1 xin1 jiu3 hao4 chuang1 kou3, ben3 ren2 dao4 chang3 pai1 zhao4"},
    {"工作日和周六上午", "gong1 zuo4 ri4 he2 zhou1 liu4 shang4 wu3"},
    {"20个工作日，可邮寄到家；急用可当场办临时身份证",
     "er4 shi2 ge4 gong1 zuo4 ri4, ke3 you2 ji4 dao4 jia1, ji2 yong4 ke3 dang1 chang3 ban4 lin2 shi2 shen1 fen4 "
     "zheng4"},
    {"换证20元，补证40元；低保、特困免收",
     "huan4 zheng4 er4 shi2 yuan2, bu3 zheng4 si4 shi2 yuan2, di1 bao3, te4 kun4 mian3 shou1"},
    {"户籍窗口 0739-4826110", "hu4 ji2 chuang1 kou3 ling2 qi1 san1 jiu3, si4 ba1 er4 liu4 yao1 yao1 ling2"},
    {"生育登记明白卡", "sheng1 yu4 deng1 ji4 ming2 bai2 ka3"},
    {"夫妻一方户籍在桐溪镇或住在桐溪镇，生育一孩、二孩、三孩的家庭",
     "fu1 qi1 yi4 fang1 hu4 ji2 zai4 tong2 xi1 zhen4 huo4 zhu4 zai4 tong2 xi1 zhen4, sheng1 yu4 yi4 hai2, er4 hai2, "
     "san1 hai2 de5 jia1 ting2"},
    {"手机上登记最方便；或本村代办点；或镇便民服务中心6号窗口",
     "shou3 ji1 shang4 deng1 ji4 zui4 fang1 bian4, huo4 ben3 cun1 dai4 ban4 dian3, huo4 zhen4 bian4 min2 fu2 wu4 "
     "zhong1 xin1 liu4 hao4 chuang1 kou3"},
    {"怀孕后或孩子出生后都可以", "huai2 yun4 hou4 huo4 hai2 zi5 chu1 sheng1 hou4 dou1 ke3 yi3"},
    {"不收费，不用开证明", "bu4 shou1 fei4, bu2 yong4 kai1 zheng4 ming2"},
    {"特困人员供养明白卡", "te4 kun4 ren2 yuan2 gong1 yang3 ming2 bai2 ka3"},
    {"没有劳动能力、没有收入、没有子女或子女养不了的老人、重残人员和孤儿",
     "mei2 you3 lao2 dong4 neng2 li4, mei2 you3 shou1 ru4, mei2 you3 zi3 nv3 huo4 zi3 nv3 yang3 bu4 liao3 de5 lao3 "
     "ren2, zhong4 can2 ren2 yuan2 he2 gu1 er2"},
    {"本人或村委会代为到镇便民服务中心1号窗口申请",
     "ben3 ren2 huo4 cun1 wei3 hui4 dai4 wei2 dao4 zhen4 bian4 min2 fu2 wu4 zhong1 xin1 yi1 hao4 chuang1 kou3 shen1 "
     "qing3"},
    {"15个工作日内答复", "shi2 wu3 ge4 gong1 zuo4 ri4 nei4 da2 fu4"},
    {"退役军人优待证明白卡", "tui4 yi4 jun1 ren2 you1 dai4 zheng4 ming2 bai2 ka3"},
    {"户籍在桐溪镇的退役军人，烈士、因公牺牲、病故军人遗属",
     "hu4 ji2 zai4 tong2 xi1 zhen4 de5 tui4 yi4 jun1 ren2, lie4 shi4, yin1 gong1 xi1 sheng1, bing4 gu4 jun1 ren2 yi2 "
     "shu3"},
    {"手机上申请；或村退役军人服务站；或镇便民服务中心7号窗口",
     "shou3 ji1 shang4 shen1 qing3, huo4 cun1 tui4 yi4 jun1 ren2 fu2 wu4 zhan4, huo4 zhen4 bian4 min2 fu2 wu4 zhong1 "
     "xin1 qi1 hao4 chuang1 kou3"},
    {"统一制证，约30个工作日，送证上门",
     "tong3 yi1 zhi4 zheng4, yue1 san1 shi2 ge4 gong1 zuo4 ri4, song4 zheng4 shang4 men2"},
    {"不收费，免费拍照", "bu4 shou1 fei4, mian3 fei4 pai1 zhao4"},
    {"退役军人服务站 0739-4826117",
     "tui4 yi4 jun1 ren2 fu2 wu4 zhan4 ling2 qi1 san1 jiu3, si4 ba1 er4 liu4 yao1 yao1 qi1"},
    {"危房改造明白卡", "wei1 fang2 gai3 zao4 ming2 bai2 ka3"},
    {"住在危房里的低保户、特困户、低收入家庭、困难残疾人家庭",
     "zhu4 zai4 wei1 fang2 li3 de5 di1 bao3 hu4, te4 kun4 hu4, di1 shou1 ru4 jia1 ting2, kun4 nan2 can2 ji2 ren2 jia1 "
     "ting2"},
    {"向村委会申请，或到镇便民服务中心12号窗口",
     "xiang4 cun1 wei3 hui4 shen1 qing3, huo4 dao4 zhen4 bian4 min2 fu2 wu4 zhong1 xin1 shi2 er4 hao4 chuang1 kou3"},
    {"随时可以申请；一定先批准再动工", "sui2 shi2 ke3 yi3 shen1 qing3, yi2 ding4 xian1 pi1 zhun3 zai4 dong4 gong1"},
    {"鉴定审批约30个工作日，验收后拨付补助",
     "jian4 ding4 shen3 pi1 yue1 san1 shi2 ge4 gong1 zuo4 ri4, yan4 shou1 hou4 bo1 fu4 bu3 zhu4"},
    {"不收费；重建每户补助3.5万元，加固1.5万元",
     "bu4 shou1 fei4, chong2 jian4 mei3 hu4 bu3 zhu4 san1 dian3 wu3 wan4 yuan2, jia1 gu4 yi1 dian3 wu3 wan4 yuan2"},
    {"村建站 0739-4826122", "cun1 jian4 zhan4 ling2 qi1 san1 jiu3, si4 ba1 er4 liu4 yao1 er4 er4"},
    {"宝宝落户明白卡", "bao3 bao3 luo4 hu4 ming2 bai2 ka3"},
    {"父母一方户口在桐溪镇的新生儿", "fu4 mu3 yi4 fang1 hu4 kou3 zai4 tong2 xi1 zhen4 de5 xin1 sheng1 er2"},
    {"镇便民服务中心9号窗口（派出所户籍窗口）",
     "zhen4 bian4 min2 fu2 wu4 zhong1 xin1 jiu3 hao4 chuang1 kou3, pai4 chu1 suo3 hu4 ji2 chuang1 kou3"},
    {"出生后1个月内；周六上午也能办", "chu1 sheng1 hou4 yi2 ge4 yue4 nei4, zhou1 liu4 shang4 wu3 ye3 neng2 ban4"},
    {"当场办好，可同时办医保和社保卡", "dang1 chang3 ban4 hao3, ke3 tong2 shi2 ban4 yi1 bao3 he2 she4 bao3 ka3"},
    {"困难学生资助明白卡", "kun4 nan2 xue2 sheng1 zi1 zhu4 ming2 bai2 ka3"},
    {"在本县上幼儿园、中小学、中职的家庭经济困难学生",
     "zai4 ben3 xian4 shang4 you4 er2 yuan2, zhong1 xiao3 xue2, zhong1 zhi2 de5 jia1 ting2 jing1 ji4 kun4 nan2 xue2 "
     "sheng1"},
    {"交给孩子的班主任", "jiao1 gei3 hai2 zi5 de5 ban1 zhu3 ren4"},
    {"每学期开学后1个月内", "mei3 xue2 qi1 kai1 xue2 hou4 yi2 ge4 yue4 nei4"},
    {"约30个工作日，打到学生或家长账户",
     "yue1 san1 shi2 ge4 gong1 zuo4 ri4, da3 dao4 xue2 sheng1 huo4 jia1 zhang3 zhang4 hu4"},
    {"不收费，不用村里盖章", "bu4 shou1 fei4, bu2 yong4 cun1 li3 gai4 zhang1"},
    {"教育办 0739-4826125", "jiao4 yu4 ban4 ling2 qi1 san1 jiu3, si4 ba1 er4 liu4 yao1 er4 wu3"},
    {"城乡居民养老保险参保明白卡", "cheng2 xiang1 ju1 min2 yang3 lao3 bao3 xian3 can1 bao3 ming2 bai2 ka3"},
    {"年满16周岁、不是在校学生、没在单位交职工养老保险的本县户籍居民",
     "nian2 man3 shi2 liu4 zhou1 sui4, bu2 shi4 zai4 xiao4 xue2 sheng1, mei2 zai4 dan1 wei4 jiao1 zhi2 gong1 yang3 "
     "lao3 bao3 xian3 de5 ben3 xian4 hu4 ji2 ju1 min2"},
    {"手机“湖岭人社”；或本村代办点；或镇便民服务中心2号窗口",
     "shou3 ji1 hu2 ling3 ren2 she4, huo4 ben3 cun1 dai4 ban4 dian3, huo4 zhen4 bian4 min2 fu2 wu4 zhong1 xin1 er4 "
     "hao4 chuang1 kou3"},
    {"全年都能参保，每年12月31日前交当年的钱",
     "quan2 nian2 dou1 neng2 can1 bao3, mei3 nian2 shi2 er4 yue4 san1 shi2 yi1 ri4 qian2 jiao1 dang1 nian2 de5 qian2"},
    {"参保不收费；保险费自选档次，每年200元起，政府另给补贴",
     "can1 bao3 bu4 shou1 fei4, bao3 xian3 fei4 zi4 xuan3 dang4 ci4, mei3 nian2 er4 bai3 yuan2 qi3, zheng4 fu3 ling4 "
     "gei3 bu3 tie1"},
    {"社保所 0739-4826112", "she4 bao3 suo3 ling2 qi1 san1 jiu3, si4 ba1 er4 liu4 yao1 yao1 er4"},
    {"领取城乡居民养老金明白卡", "ling3 qu3 cheng2 xiang1 ju1 min2 yang3 lao3 jin1 ming2 bai2 ka3"},
    {"参加了城乡居民养老保险、年满60周岁、缴费满15年（不够可补缴）的人",
     "can1 jia1 le5 cheng2 xiang1 ju1 min2 yang3 lao3 bao3 xian3, nian2 man3 liu4 shi2 zhou1 sui4, jiao3 fei4 man3 "
     "shi2 wu3 nian2, bu2 gou4 ke3 bu3 jiao3, de5 ren2"},
    {"本村代办点或镇便民服务中心2号窗口，手机上也能申请",
     "ben3 cun1 dai4 ban4 dian3 huo4 zhen4 bian4 min2 fu2 wu4 zhong1 xin1 er4 hao4 chuang1 kou3, shou3 ji1 shang4 ye3 "
     "neng2 shen1 qing3"},
    {"满60周岁当月就可以申请", "man3 liu4 shi2 zhou1 sui4 dang4 yue4 jiu4 ke3 yi3 shen1 qing3"},
    {"10个工作日审核，满60周岁次月起每月打到社保卡",
     "shi2 ge4 gong1 zuo4 ri4 shen3 he2, man3 liu4 shi2 zhou1 sui4 ci4 yue4 qi3 mei3 yue4 da3 dao4 she4 bao3 ka3"},
    {"居民医保参保明白卡（含新生儿）", "ju1 min2 yi1 bao3 can1 bao3 ming2 bai2 ka3, han2 xin1 sheng1 er2"},
    {"手机“湖岭医保”小程序；本村代办点；镇便民服务中心3号窗口",
     "shou3 ji1 hu2 ling3 yi1 bao3 xiao3 cheng2 xu4, ben3 cun1 dai4 ban4 dian3, zhen4 bian4 min2 fu2 wu4 zhong1 xin1 "
     "san1 hao4 chuang1 kou3"},
    {"9月1日至12月31日交下一年的；新生儿出生90天内参保",
     "jiu3 yue4 yi1 ri4 zhi4 shi2 er4 yue4 san1 shi2 yi1 ri4 jiao1 xia4 yi4 nian2 de5, xin1 sheng1 er2 chu1 sheng1 "
     "jiu3 shi2 tian1 nei4 can1 bao3"},
    {"2027年度每人400元；低保、特困、重度残疾人政府帮交",
     "er4 ling2 er4 qi1 nian2 du4 mei3 ren2 si4 bai3 yuan2, di1 bao3, te4 kun4, zhong4 du4 can2 ji2 ren2 zheng4 fu3 "
     "bang1 jiao1"},
    {"医保工作站 0739-4826113", "yi1 bao3 gong1 zuo4 zhan4 ling2 qi1 san1 jiu3, si4 ba1 er4 liu4 yao1 yao1 san1"},
    {"2027年度医保费怎么交", "er4 ling2 er4 qi1 nian2 du4 yi1 bao3 fei4 zen3 me5 jiao1"},
    {"全家已参加城乡居民医保、明年要继续参保的人",
     "quan2 jia1 yi3 can1 jia1 cheng2 xiang1 ju1 min2 yi1 bao3, ming2 nian2 yao4 ji4 xu4 can1 bao3 de5 ren2"},
    {"微信搜“湖岭税务”→社保缴费→输入身份证号；或找村协缴员；或到农商银行网点",
     "wei1 xin4 sou1 hu2 ling3 shui4 wu4 she4 bao3 jiao3 fei4 shu1 ru4 shen1 fen4 zheng4 hao4, huo4 zhao3 cun1 xie2 "
     "jiao3 yuan2, huo4 dao4 nong2 shang1 yin2 hang2 wang3 dian3"},
    {"2026年9月1日至12月31日，过期要等3个月才能报销",
     "er4 ling2 er4 liu4 nian2 jiu3 yue4 yi1 ri4 zhi4 shi2 er4 yue4 san1 shi2 yi1 ri4, guo4 qi1 yao4 deng3 san1 ge4 "
     "yue4 cai2 neng2 bao4 xiao1"},
    {"交完马上到账，可在小程序查缴费记录",
     "jiao1 wan2 ma3 shang4 dao4 zhang4, ke3 zai4 xiao3 cheng2 xu4 cha2 jiao3 fei4 ji4 lu4"},
    {"每人每年400元", "mei3 ren2 mei3 nian2 si4 bai3 yuan2"},
    {"医保工作站 0739-4826113；村协缴员见村务公开栏",
     "yi1 bao3 gong1 zuo4 zhan4 ling2 qi1 san1 jiu3, si4 ba1 er4 liu4 yao1 yao1 san1, cun1 xie2 jiao3 yuan2 jian4 cun1 "
     "wu4 gong1 kai1 lan2"},
    {"外出看病先备案明白卡", "wai4 chu1 kan4 bing4 xian1 bei4 an4 ming2 bai2 ka3"},
    {"手机“国家医保服务平台”APP最方便；也可到镇便民服务中心3号窗口",
     "shou3 ji1 guo2 jia1 yi1 bao3 fu2 wu4 ping2 tai2 ying4 yong4 zui4 fang1 bian4, ye3 ke3 dao4 zhen4 bian4 min2 fu2 "
     "wu4 zhong1 xin1 san1 hao4 chuang1 kou3"},
    {"当场生效", "dang1 chang3 sheng1 xiao4"},
    {"农村建房审批明白卡", "nong2 cun1 jian4 fang2 shen3 pi1 ming2 bai2 ka3"},
    {"本村集体经济组织成员，一户一宅，确实需要新建或翻建住房的",
     "ben3 cun1 ji2 ti3 jing1 ji4 zu3 zhi1 cheng2 yuan2, yi2 hu4 yi4 zhai2, que4 shi2 xu1 yao4 xin1 jian4 huo4 fan1 "
     "jian4 zhu4 fang2 de5"},
    {"先向村民小组申请，再到镇便民服务中心5号窗口联审",
     "xian1 xiang4 cun1 min2 xiao3 zu3 shen1 qing3, zai4 dao4 zhen4 bian4 min2 fu2 wu4 zhong1 xin1 wu3 hao4 chuang1 "
     "kou3 lian2 shen3"},
    {"开工前办，先批后建", "kai1 gong1 qian2 ban4, xian1 pi1 hou4 jian4"},
    {"15个工作日（不含村里公示）", "shi2 wu3 ge4 gong1 zuo4 ri4, bu4 han2 cun1 li3 gong1 shi4"},
    {"农业农村办 0739-4826115；自然资源所 0739-4826119",
     "nong2 ye4 nong2 cun1 ban4 ling2 qi1 san1 jiu3, si4 ba1 er4 liu4 yao1 yao1 wu3, zi4 ran2 zi1 yuan2 suo3 ling2 qi1 "
     "san1 jiu3, si4 ba1 er4 liu4 yao1 yao1 jiu3"},
};

void check_all(const Case* cases, size_t n) {
  for (size_t k = 0; k < n; ++k) {
    INFO("text: ", cases[k].text);
    CHECK(toned_pinyin(cases[k].text) == cases[k].pinyin);
  }
}
}  // namespace

TEST_CASE("there are at least 200 exact cases") { CHECK(std::size(kForms) + std::size(kDemo) >= 200); }

TEST_CASE("numbers, dates, times, phones, units and polyphones read as a person says them") {
  check_all(kForms, std::size(kForms));
}

TEST_CASE("the demo's card sentences read right") { check_all(kDemo, std::size(kDemo)); }

TEST_CASE("spoken Chinese spells numbers out the way they are said") {
  CHECK(spoken_chinese("2026年12月1日") == "二零二六年十二月一日");
  CHECK(spoken_chinese("400元") == "四百元");
  CHECK(spoken_chinese("3.5亩") == "三点五亩");
  CHECK(spoken_chinese("0739-4826100") == "零七三九，四八二六幺零零");
  CHECK(spoken_chinese("湘政办发〔2025〕24号") == "湘政办发，二零二五，二十四号");
  CHECK(spoken_chinese("80-89岁") == "八十到八十九岁");
}

TEST_CASE("names and masked numbers are never spoken") {
  CHECK(spoken_chinese("户主张*华，补贴1200元") == "户主，补贴一千二百元");
  CHECK(spoken_chinese("身份证430***********1234") == "身份证");
  CHECK(spoken_chinese("李**") == "");
  CHECK(spoken_chinese("账号6217000000000000000") == "账号");  // 15+ digits: a card number
  CHECK(spoken_chinese("尾号****5678") == "尾号");
}

TEST_CASE("pauses are never leading, doubled or trailing commas") {
  CHECK(toned_pinyin("，，你好，，。") == "ni3 hao3.");
  CHECK(toned_pinyin("") == "");
  CHECK(toned_pinyin("QR") == "");
}

TEST_CASE("sentences cut the reading after each full stop, and long ones at a comma") {
  auto s = sentences("你好。请问，办什么？");
  REQUIRE(s.size() == 2);
  CHECK(s[0] == "ni3 hao3.");
  CHECK(s[1] == "qing3 wen4, ban4 shen2 me5.");
  std::string long_text;
  for (int k = 0; k < 10; ++k) long_text += "城乡居民养老保险，";
  for (const auto& piece : sentences(long_text)) CHECK(syllable_count(piece) <= 24 + 8);
  CHECK(syllable_count("yin2 hang2, ban4 li3.") == 4);
}
