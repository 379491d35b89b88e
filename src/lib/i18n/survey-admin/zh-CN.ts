/** The questionnaire upload page (/staff/survey/form/, admins): choose an XLSForm, check, preview, publish. */
export const surveyAdminZhCN = {
  'surveyAdmin.title': '上传新版问卷',
  'surveyAdmin.intro':
    '在 Excel 里按 XLSForm 格式改好问卷（survey、choices、settings 三个工作表），在这里选择文件。系统会在您的电脑上检查文件，列出需要修改的地方；没有问题时显示手机问卷和纸质问卷的预览，确认后发布为新版本。',
  'surveyAdmin.noJs':
    '这个页面需要启用 JavaScript。也可以在服务器上运行 npm run survey:publish -- 问卷.xlsx 发布。',
  'surveyAdmin.loading': '正在加载……',
  'surveyAdmin.signIn': '请先登录员工后台：',
  'surveyAdmin.signInLink': '员工登录',
  'surveyAdmin.adminsOnly': '只有管理员可以发布问卷。',
  'surveyAdmin.file': '问卷文件（.xlsx）',
  'surveyAdmin.fileHint': '选择文件后会自动检查，文件不会上传，直到您点击“发布为新版本”。',
  'surveyAdmin.reading': '正在读取和检查文件……',
  'surveyAdmin.errors.title': '文件有 {n} 处需要修改，未发布',
  'surveyAdmin.errors.fix': '请在 Excel 里改好后保存，再重新选择文件。',
  'surveyAdmin.tooLarge': '问卷太大：压缩后 {bytes} 字节，手机上最多 {max} 字节。请删减题目或选项文字。',
  'surveyAdmin.incomplete': '问卷定义不完整：{path}（{message}）',
  'surveyAdmin.checked': '检查通过：{title}，版本 {version}，共 {n} 道题。',
  'surveyAdmin.current': '现在使用的版本：{version}。',
  'surveyAdmin.noneYet': '还没有发布过问卷。',
  'surveyAdmin.sameVersion':
    '版本 {version} 已经发布过了。请在 settings 工作表里改一个新的 version，再重新选择文件。',
  'surveyAdmin.preview.title': '手机问卷预览',
  'surveyAdmin.preview.intro': '下面是家长在手机上会看到的问卷。可以试着填写，答案不会保存。',
  'surveyAdmin.paper.title': '纸质问卷预览',
  'surveyAdmin.paper.intro':
    '下面是这份问卷打印出来的样子（A4）：题号、跳题说明、版本号和二维码。发布后，员工后台的“打印纸质问卷”就按新版本打印。',
  'surveyAdmin.paper.print': '打印纸质问卷预览',
  'surveyAdmin.publish.title': '发布',
  'surveyAdmin.acceptDays': '旧版本继续收答案的天数',
  'surveyAdmin.acceptDaysHint':
    '已经开始按旧版本填写的家长，在这段时间内仍可提交（0–366 天）。发布后新打开问卷的人都会看到新版本。',
  'surveyAdmin.acceptDaysError': '请填写 0 到 366 之间的整数天数',
  'surveyAdmin.publish': '发布为新版本',
  'surveyAdmin.publishing': '正在发布……',
  'surveyAdmin.published':
    '已发布问卷版本 {version}。旧版本在 {until} 之前仍接收答案。正在接收答案的版本：{accepting}。',
  'surveyAdmin.printNew': '按新版本打印纸质问卷',
  'surveyAdmin.failed': '没有发布：{message}',
  'surveyAdmin.badDefinition':
    '数据库检查发现这份问卷的结构不对，没有发布。请把文件交给技术人员用 npm run survey:publish -- 文件.xlsx --dry-run 检查。',
  'surveyAdmin.back': '返回问卷管理',
} as const;
