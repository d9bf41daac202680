// Word lists for sample names. Fictional companies; Chinese cores carry a pinyin spelling so
// their web domains look like real Chinese company domains.

export const cnCores: ReadonlyArray<readonly [string, string]> = [
  ['恒瑞', 'hengrui'], ['华锐', 'huarui'], ['东方', 'dongfang'], ['远航', 'yuanhang'], ['金桥', 'jinqiao'], ['海川', 'haichuan'],
  ['天成', 'tiancheng'], ['鼎盛', 'dingsheng'], ['瑞丰', 'ruifeng'], ['中联', 'zhonglian'], ['博远', 'boyuan'], ['新纪元', 'xinjiyuan'],
  ['明德', 'mingde'], ['宏图', 'hongtu'], ['汇通', 'huitong'], ['长城', 'changcheng'], ['华夏', 'huaxia'], ['神州', 'shenzhou'],
  ['星河', 'xinghe'], ['启明', 'qiming'], ['创新', 'chuangxin'], ['联创', 'lianchuang'], ['安泰', 'antai'], ['永信', 'yongxin'],
  ['广泰', 'guangtai'], ['百川', 'baichuan'], ['智远', 'zhiyuan'], ['凯达', 'kaida'], ['华信', 'huaxin'], ['盛世', 'shengshi'],
  ['同方', 'tongfang'], ['九州', 'jiuzhou'], ['长江', 'changjiang'], ['泰和', 'taihe'], ['正泰', 'zhengtai'], ['海纳', 'haina'],
  ['兴业', 'xingye'], ['振华', 'zhenhua'], ['德润', 'derun'], ['锦程', 'jincheng'], ['卓越', 'zhuoyue'], ['蓝海', 'lanhai'],
];

export const cnCities = ['上海', '苏州', '杭州', '宁波', '南京', '无锡', '深圳', '广州', '东莞', '佛山', '厦门', '北京', '天津', '青岛', '济南', '成都', '重庆', '昆明', '西安', '武汉'];

export const regionCities: Record<string, readonly string[]> = {
  华东: ['上海', '苏州', '杭州', '宁波', '南京', '无锡'],
  华南: ['深圳', '广州', '东莞', '佛山', '厦门'],
  华北: ['北京', '天津', '青岛', '济南'],
  西南: ['成都', '重庆', '昆明'],
  EMEA: ['London', 'Munich', 'Paris', 'Milan', 'Stockholm', 'Dubai'],
  Americas: ['Chicago', 'Houston', 'Toronto', 'São Paulo', 'Austin'],
};

export const enCores = [
  'Northwind', 'Contoso', 'Fabrikam', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Tyrell', 'Cyberdyne', 'Vandelay', 'Hooli',
  'Soylent', 'Aperture', 'Blue Ridge', 'Silverline', 'Redwood', 'Ironbridge', 'Bluewater', 'Summit', 'Pinnacle', 'Evergreen', 'Crescent',
  'Harbor', 'Keystone', 'Meridian', 'Oakmont', 'Sterling', 'Vertex', 'Atlas', 'Orion', 'Polaris', 'Halcyon', 'Nordic', 'Alpine', 'Falcon',
];

/** Industry → [Chinese business word, English business word, domain abbreviation]. */
export const industries: ReadonlyArray<readonly [string, string, string, string]> = [
  ['Manufacturing', '精密机械', 'Precision Machinery', 'jx'],
  ['Automotive', '汽车零部件', 'Automotive Parts', 'auto'],
  ['Electronics', '电子科技', 'Electronics', 'tech'],
  ['Energy', '新能源', 'Energy', 'energy'],
  ['Financial Services', '金融服务', 'Financial', 'fin'],
  ['Healthcare', '医疗器械', 'Medical', 'med'],
  ['Retail', '商贸', 'Retail', 'retail'],
  ['Logistics', '物流', 'Logistics', 'log'],
  ['Telecom', '通信', 'Telecom', 'tel'],
  ['Software', '软件', 'Software', 'soft'],
];

export const cnSuffixes = ['有限公司', '股份有限公司', '集团有限公司', '有限公司', '有限公司'];
export const enSuffixes = ['Inc.', 'Co., Ltd.', 'GmbH', 'Ltd', 'LLC', 'AG', 'Corp.', 'S.A.', 'plc'];

export const cnSurnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
export const cnGiven = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰', '涛', '明', '超', '秀英', '华', '建国', '晓东', '丽', '强', '婷', '志强', '海燕', '文', '斌'];
export const enFirst = ['James', 'Mary', 'Robert', 'Linda', 'Michael', 'Sarah', 'David', 'Emma', 'Thomas', 'Anna', 'Lukas', 'Sofia', 'Marco', 'Chloé', 'Lars', 'Olivia', 'Carlos', 'Fatima', 'Noah', 'Mia'];
export const enLast = ['Smith', 'Johnson', 'Brown', 'Müller', 'Schmidt', 'Rossi', 'Dubois', 'Andersson', 'García', 'Silva', 'Wilson', 'Taylor', 'Martin', 'Khan', 'Nielsen', 'Weber'];

export const cnTitles: Record<string, readonly string[]> = {
  decision_maker: ['总经理', '董事长', 'CEO'],
  economic_buyer: ['财务总监', 'CFO', '采购总监'],
  influencer: ['技术总监', 'IT经理', '生产经理'],
  champion: ['项目经理', '信息化主管', '运营经理'],
  user: ['工程师', '采购专员', '计划员'],
  blocker: ['法务经理', '内审主管'],
  other: ['助理', '行政主管'],
};
export const enTitles: Record<string, readonly string[]> = {
  decision_maker: ['CEO', 'Managing Director', 'COO'],
  economic_buyer: ['CFO', 'Head of Procurement', 'VP Finance'],
  influencer: ['CTO', 'IT Director', 'Head of Operations'],
  champion: ['Project Lead', 'Digital Transformation Manager', 'Plant Manager'],
  user: ['Engineer', 'Buyer', 'Planner'],
  blocker: ['Legal Counsel', 'Internal Audit Lead'],
  other: ['Assistant', 'Office Manager'],
};

export const wonReasonsCn = ['产品功能满足需求', '价格有竞争力', '服务响应快', '客户关系良好', '本地化实施能力强'];
export const lostReasonsCn = ['价格过高', '竞争对手胜出', '预算取消', '项目延期', '需求不匹配'];
export const wonReasonsEn = ['Best functional fit', 'Competitive price', 'Strong relationship', 'Faster implementation', 'Executive sponsorship'];
export const lostReasonsEn = ['Price too high', 'Lost to competitor', 'Budget cut', 'Project postponed', 'No decision'];

export const activitySubjectsCn: Record<string, readonly string[]> = {
  visit: ['拜访客户', '季度业务回顾拜访', '工厂现场拜访'],
  call: ['电话跟进', '需求沟通电话', '回款跟进电话'],
  meeting: ['方案评审会', '高层会谈', '技术交流会'],
  email: ['发送报价单', '发送方案书', '会议纪要'],
  exhibition: ['展会接洽', '行业峰会交流'],
  web_enquiry: ['官网询价', '在线咨询'],
  note: ['客户动态记录', '竞争情报'],
  task: ['准备投标文件', '安排演示'],
  other: ['其他跟进'],
};
export const activitySubjectsEn: Record<string, readonly string[]> = {
  visit: ['On-site visit', 'QBR visit', 'Plant tour'],
  call: ['Follow-up call', 'Discovery call', 'Payment follow-up'],
  meeting: ['Solution review', 'Executive meeting', 'Technical workshop'],
  email: ['Sent quote', 'Sent proposal', 'Meeting minutes'],
  exhibition: ['Trade show contact', 'Industry summit'],
  web_enquiry: ['Website enquiry', 'Live chat enquiry'],
  note: ['Account news', 'Competitive intel'],
  task: ['Prepare tender', 'Schedule demo'],
  other: ['Other follow-up'],
};

export const ticketSubjectsCn = ['系统登录异常', '报表数据不一致', '接口同步失败', '设备故障报修', '发票信息更正', '性能变慢', '权限配置咨询', '升级后功能异常'];
export const ticketSubjectsEn = ['Cannot log in', 'Report totals mismatch', 'Integration sync failing', 'Hardware fault', 'Invoice correction', 'Slow performance', 'Permission question', 'Regression after upgrade'];
