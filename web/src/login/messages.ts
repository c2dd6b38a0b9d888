export const messages = {
  ru: {
    'login.title': 'Вход в колл-центр',
    'login.subtitle': 'Войдите под своей учётной записью.',
    'login.login': 'Логин',
    'login.password': 'Пароль',
    'login.submit': 'Войти',
    'login.wrong': 'Неверный логин или пароль.',
  } as Record<string, string>,
  en: {
    'login.title': 'Sign in to the call centre',
    'login.subtitle': 'Use your own account.',
    'login.login': 'Login',
    'login.password': 'Password',
    'login.submit': 'Sign in',
    'login.wrong': 'Wrong login or password.',
  } as Record<string, string>,
};
