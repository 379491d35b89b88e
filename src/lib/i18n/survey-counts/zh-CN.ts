/** The staff dashboard's and planning view's words for the categories of the versioned questionnaire (issue 16). */
export const surveyCountsZhCN = {
  'counts.undecided': '还没想好',
  'counts.households': '家庭情况',
  'counts.versions': '问卷版本',
  'counts.version': '版本',
  'counts.withoutTownship': '未填所在地的答卷（孩子都已满 3 岁，或简短版问卷的待产家庭）',
  'counts.planning.undecided': '还没想好的孩子',
  'counts.planning.expecting': '待产家庭',
  'counts.oldForm': '{label}（2026-11 版问卷）',
  'counts.planningNote': '“还没想好”的孩子和待产家庭单独列出，不计入需求合计。',
} as const;
